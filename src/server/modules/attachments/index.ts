// The attachments module's public surface: the only file other modules import (docs/notes-lint.md).
export { attachmentRoutes } from './routes';
export { attachmentsOf, checkLinkable, linkAttachments, type AttachmentRow, type LinkRequest } from './repository';
export { storeFile, type AttachmentKind } from './store-file';
export { recordUpload } from './commands/record-upload';
export { purgeUnattachedUploads, runUploadPurge, UNATTACHED_MAX_AGE_MS } from './purge';
export { formatBytes, storageQuota, storageUsed } from './quota';
export { uploadFile } from './commands/upload-file';
