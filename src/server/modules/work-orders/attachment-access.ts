import { onAttachmentRead, type AttachmentReadCheck } from '../attachments';
import { workOrderPolicy } from './policy';
import { findWorkOrder } from './repository';

// One function object, so registering again (a second app in the same process) adds nothing.
const readIfOrderVisible: AttachmentReadCheck = async (db, actor, row) => {
  if (!row.workOrderId) return false;
  const order = await findWorkOrder(db, actor, row.workOrderId);
  return order !== null && workOrderPolicy.can(actor, 'read', order);
};

/** Lets whoever can see a work order open the attachments linked to it. */
export function registerAttachmentAccess(): void {
  onAttachmentRead(readIfOrderVisible);
}
