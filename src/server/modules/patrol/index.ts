// The patrol module's public surface: the only file other modules import (docs/notes-lint.md).
// Nothing of patrol is used by another module; the app and the CLI mount these.
export { patrolModuleRoutes } from './routes';
export { startPatrolJobs } from './commands/job';
export { registerPatrolSubjects } from './subjects';
export { roundSubject, type RoundStepRow } from './round-step';
