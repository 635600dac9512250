// The appraisal module's public surface: the only file other modules import (docs/notes-lint.md).
export { appraisalRoutes } from './routes';
export { registerAppraisalSubjects } from './subjects';
export { seedDemoAppraisal } from './demo';
