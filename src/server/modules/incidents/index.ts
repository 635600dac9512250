// The incidents module's public surface: the only file other modules import (docs/notes-lint.md).
export { incidentRoutes } from './routes';
export { checkPlanStep, createIncidentIn, updateIncident } from './commands/incidents';
export { createPlanIn, recordDrillIn } from './commands/plans';
export { registerIncidentAuditEntities } from './audit-entities';
