import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import type { FieldProblem } from '../../errors';
import { attachmentsOfSubject, checkAttachments, linkToSubject, type AttachmentRow as FileRow } from '../../work/attachment-links';

export type AttachmentRow = FileRow;

/** What an action links: the ids, the field they came from and the record they serve. */
export interface LinkRequest {
  ids: string[];
  field: string;
  purpose: string;
  kinds: AttachmentRow['kind'][];
}

/**
 * Checks that each id is an attachment of the actor's organization of an accepted kind that is
 * not linked to another subject; returns field problems (`photoIds.1`, `signatureId`) for the rest.
 * Work orders' form of the kernel's `checkAttachments`.
 */
export async function checkLinkable(
  tx: DbOrTx,
  actor: Actor,
  workOrderId: string | null,
  request: LinkRequest,
  single = false,
): Promise<Record<string, FieldProblem>> {
  return checkAttachments(tx, actor, {
    ids: request.ids,
    field: request.field,
    kinds: request.kinds,
    single,
    subject: workOrderId ? { type: 'work_order', id: workOrderId } : null,
  });
}

/** Links checked attachments to a work order (inside the action's transaction). */
export async function linkAttachments(
  tx: DbOrTx,
  workOrder: { id: string; organizationId: string; communityId: string },
  ids: string[],
  purpose: string,
): Promise<void> {
  await linkToSubject(tx, { type: 'work_order', id: workOrder.id, organizationId: workOrder.organizationId }, ids, purpose);
}

/** Attachments linked to a work order with the record each serves, oldest first. */
export async function attachmentsOf(db: DbOrTx, workOrderId: string): Promise<Array<AttachmentRow & { purpose: string }>> {
  return attachmentsOfSubject(db, { type: 'work_order', id: workOrderId });
}
