// The shifts module's public surface: the only file other modules import (docs/notes-lint.md).
export { shiftRoutes } from './routes';
export { createPostIn, startDuty } from './commands/posts';
export { registerShiftSubjects } from './subjects';
export { registerHandoverIncluder, type HandoverIncluder } from './handover-includes';
