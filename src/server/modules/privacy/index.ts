// The privacy module's public surface: the only file other modules import (docs/notes-lint.md).
// It owns no tables: it orchestrates what PIPL asks across modules (retention, erasure) through
// their own exported functions, so no module has to import another one for it.
export { privacyRoutes } from './routes';
export { applyVisitorRetention, startDataJobs } from './job';
