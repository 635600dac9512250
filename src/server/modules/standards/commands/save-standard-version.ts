import type { RequestContext } from '../../../auth/context';
import type { Tx } from '../../../db/client';
import { withUniqueFields } from '../../../db/errors';
import { AppError, fieldError, type FieldProblem } from '../../../errors';
import { serviceStandardSchema, type ServiceStandard, type ServiceStandardInput } from '../../../standards/definition';
import { checkStandard, standardProblemMessage } from '../../../standards/validate-standard';
import { recordAudit } from '../../audit';
import { hashDefinition } from '../library-cache';
import { latestInScope, type StandardVersionRow } from '../repository';
import { standardVersions } from '../tables';
import { isSystemActor } from '../../../auth/context';

export interface SaveStandardInput {
  organizationId: string;
  communityId: string | null;
  key: string;
  reason: string;
  definition: ServiceStandardInput;
}

/**
 * Saves a company or community version of a standard after full validation. Each save is a new
 * version (numbered within its scope) with its author and reason; work already running keeps the
 * version it started under.
 */
export async function saveStandardVersion(tx: Tx, ctx: RequestContext, input: SaveStandardInput): Promise<StandardVersionRow> {
  const checked = checkStandard(input.definition);
  if (!checked.ok) {
    const fields: Record<string, FieldProblem> = {};
    for (const p of checked.problems) {
      const field = p.path ? `definition.${p.path}` : 'definition';
      fields[field] ??= { text: { 'zh-CN': standardProblemMessage(p, 'zh-CN'), 'en-US': standardProblemMessage(p, 'en-US') } };
    }
    throw fieldError(fields);
  }
  if (checked.standard.key !== input.key) throw fieldError({ 'definition.key': { key: 'field.invalid' } });
  const latest = await latestInScope(tx, input.key, input.organizationId, input.communityId);
  const version = (latest?.version ?? 0) + 1;
  const definition: ServiceStandard = serviceStandardSchema.parse({ ...checked.standard, version });
  const contentHash = hashDefinition(definition);
  if (latest && latest.contentHash === hashDefinition({ ...definition, version: latest.version })) {
    throw new AppError('CONFLICT', 'error.standardUnchanged');
  }
  const [row] = await withUniqueFields(
    () =>
      tx
        .insert(standardVersions)
        .values({
          organizationId: input.organizationId,
          communityId: input.communityId,
          key: input.key,
          version,
          definition,
          contentHash,
          authorUserId: isSystemActor(ctx.actor) ? null : ctx.actor.userId,
          authorName: ctx.actor.displayName,
          reason: input.reason,
        })
        .returning(),
    { standard_versions_scope_uq: 'version' },
  );
  await recordAudit(tx, ctx, {
    organizationId: input.organizationId,
    entityType: 'standard',
    entityId: row!.id,
    action: 'create_version',
    after: { key: input.key, version, communityId: input.communityId, reason: input.reason },
  });
  return { ...row!, scope: input.communityId ? 'community' : 'company' };
}
