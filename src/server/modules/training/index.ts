// The training module's public surface: the only file other modules import (docs/notes-lint.md).
export { trainingRoutes } from './routes';
export { registerTrainingChecks } from './eligibility';
export { startTrainingJobs, warnExpiringCertificates } from './jobs';
