import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import type { FieldProblem } from '../../errors';
import { attachments } from './tables';

export type AttachmentRow = typeof attachments.$inferSelect;

/** An attachment by id within the actor's organization (no further access check). */
export async function attachmentInOrganization(db: DbOrTx, actor: Actor, id: string): Promise<AttachmentRow | null> {
  if (!actor.organizationId) return null;
  const [row] = await db.select().from(attachments).where(and(eq(attachments.id, id), eq(attachments.organizationId, actor.organizationId)));
  return row ?? null;
}

/** What an action links: the ids, the field they came from and the record they serve. */
export interface LinkRequest {
  ids: string[];
  field: string;
  purpose: string;
  kinds: AttachmentRow['kind'][];
}

/**
 * Checks that each id is an attachment of the actor's organization of an accepted kind that is
 * not linked to another work order; returns field problems (`photoIds.1`, `signatureId`) for the rest.
 */
export async function checkLinkable(
  tx: DbOrTx,
  actor: Actor,
  workOrderId: string | null,
  request: LinkRequest,
  single = false,
): Promise<Record<string, FieldProblem>> {
  const problems: Record<string, FieldProblem> = {};
  if (!request.ids.length) return problems;
  const rows = actor.organizationId
    ? await tx
        .select()
        .from(attachments)
        .where(and(inArray(attachments.id, request.ids), eq(attachments.organizationId, actor.organizationId)))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  request.ids.forEach((id, i) => {
    const key = single ? request.field : `${request.field}.${i}`;
    const row = byId.get(id);
    if (!row) problems[key] = { key: 'error.notFound', params: { entity: 'entity.attachment' } };
    else if (!request.kinds.includes(row.kind)) problems[key] = { key: 'field.attachmentKind' };
    else if (row.workOrderId && row.workOrderId !== workOrderId) problems[key] = { key: 'field.attachmentLinked' };
  });
  return problems;
}

/** Links checked attachments to a work order (inside the action's transaction). */
export async function linkAttachments(
  tx: DbOrTx,
  workOrder: { id: string; communityId: string },
  ids: string[],
  purpose: string,
): Promise<void> {
  if (!ids.length) return;
  await tx
    .update(attachments)
    .set({ workOrderId: workOrder.id, communityId: workOrder.communityId, purpose })
    .where(and(inArray(attachments.id, ids), or(isNull(attachments.workOrderId), eq(attachments.workOrderId, workOrder.id))));
}

/** Attachments linked to a work order, oldest first. */
export async function attachmentsOf(db: DbOrTx, workOrderId: string): Promise<AttachmentRow[]> {
  return db.select().from(attachments).where(eq(attachments.workOrderId, workOrderId)).orderBy(attachments.createdAt);
}
