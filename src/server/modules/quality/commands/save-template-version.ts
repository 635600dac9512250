import type { RequestContext } from '../../../auth/context';
import { isSystemActor } from '../../../auth/context';
import type { DbOrTx } from '../../../db/client';
import { withUniqueFields } from '../../../db/errors';
import { AppError, fieldError, type FieldProblem } from '../../../errors';
import { recordAudit } from '../../audit';
import { hashDefinition } from '../../standards';
import { inspectionLibrary } from '../library';
import { latestTemplateInScope, type TemplateVersionRow } from '../repository';
import { inspectionTemplateVersions } from '../tables';
import { checkTemplate, templateProblemMessage } from '../template';

export interface SaveTemplateInput {
  organizationId: string;
  communityId: string | null;
  key: string;
  reason: string;
  definition: unknown;
}

/**
 * Saves a company or community version of an inspection template after its checks (each problem
 * a 400 at `definition.<path>` in both languages). Category keys are materialised from the
 * library, so the stored version is self-contained. Each save is a new version numbered in its
 * scope, with author and reason; inspections already made keep the version they pinned.
 */
export async function saveTemplateVersion(tx: DbOrTx, ctx: RequestContext, input: SaveTemplateInput): Promise<TemplateVersionRow> {
  const checked = checkTemplate(input.definition, inspectionLibrary().categories);
  if (!checked.ok) {
    const fields: Record<string, FieldProblem> = {};
    for (const p of checked.problems) {
      fields[p.path ? `definition.${p.path}` : 'definition'] ??= { text: { 'zh-CN': templateProblemMessage(p, 'zh-CN'), 'en-US': templateProblemMessage(p, 'en-US') } };
    }
    throw fieldError(fields);
  }
  if (checked.template.key !== input.key) throw fieldError({ 'definition.key': { key: 'field.invalid' } });
  const latest = await latestTemplateInScope(tx, input.key, input.organizationId, input.communityId);
  const version = (latest?.version ?? 0) + 1;
  const definition = { ...checked.template, version };
  if (latest && latest.contentHash === hashDefinition({ ...definition, version: latest.version })) throw new AppError('CONFLICT', 'error.standardUnchanged');
  const [row] = await withUniqueFields(
    () =>
      tx
        .insert(inspectionTemplateVersions)
        .values({
          organizationId: input.organizationId,
          communityId: input.communityId,
          key: input.key,
          version,
          definition,
          contentHash: hashDefinition(definition),
          authorUserId: isSystemActor(ctx.actor) ? null : ctx.actor.userId,
          authorName: ctx.actor.displayName,
          reason: input.reason,
        })
        .returning(),
    { inspection_template_versions_scope_uq: 'version' },
  );
  await recordAudit(tx, ctx, { organizationId: input.organizationId, entityType: 'inspection_template', entityId: row!.id, action: 'create_version', after: { key: input.key, version, communityId: input.communityId, reason: input.reason } });
  return row!;
}
