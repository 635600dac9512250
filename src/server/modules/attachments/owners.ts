import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import type { AttachmentRow } from './repository';

/**
 * Whether the actor may open an attachment linked to a record of the registering module (true),
 * or this check has nothing to say about it (false).
 */
export type AttachmentReadCheck = (db: DbOrTx, actor: Actor, row: AttachmentRow) => Promise<boolean>;

// Modules owning the records attachments link to register their read rule here, so attachments
// never imports them (that import made attachments <-> work-orders a cycle).
const checks: AttachmentReadCheck[] = [];

/** Registers who may open attachments linked to the calling module's records (once, when its routes mount). */
export function onAttachmentRead(check: AttachmentReadCheck): void {
  if (!checks.includes(check)) checks.push(check);
}

/** True when a registered owner lets the actor open the linked attachment. */
export async function linkedAttachmentReadable(db: DbOrTx, actor: Actor, row: AttachmentRow): Promise<boolean> {
  for (const check of checks) if (await check(db, actor, row)) return true;
  return false;
}
