import { registerUserAuditEntities } from '../auth/audit-entities';
import { registerKindAuditNames } from '../work/audit-names';
import { registerAppraisalSubjects } from './appraisal';
import { registerAssetAuditEntities } from './assets';
import { registerFeeHandoverIncludes } from './fees';
import { registerGateSubjects } from './gate';
import { registerIncidentAuditEntities } from './incidents';
import { registerPatrolSubjects } from './patrol';
import { registerQualitySubjects } from './quality';
import { registerRegistryAuditEntities } from './registry';
import { registerShiftSubjects } from './shifts';
import { registerTrainingChecks } from './training';
import { registerWorkOrderAuditEntities, registerWorkOrderSubjects } from './work-orders';

/**
 * Registers every kind of work with the kernel (src/server/work/subjects.ts), and how each
 * module's audited records read in the audit log (modules/audit/entities.ts). The one place both
 * `buildApp` and the CLI (`open` in main.ts: serve, seed, sweeps) run, so a command that never
 * builds the routes sees the same registry. Safe to run more than once.
 */
export function registerAllSubjects(): void {
  registerWorkOrderSubjects();
  registerGateSubjects();
  registerPatrolSubjects();
  registerShiftSubjects();
  registerQualitySubjects();
  registerTrainingChecks();
  registerAppraisalSubjects();
  registerKindAuditNames();
  registerRegistryAuditEntities();
  registerWorkOrderAuditEntities();
  registerUserAuditEntities();
  registerIncidentAuditEntities();
  registerFeeHandoverIncludes();
  registerAssetAuditEntities();
}
