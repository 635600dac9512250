import { registerGateSubjects } from './gate';
import { registerPatrolSubjects } from './patrol';
import { registerQualitySubjects } from './quality';
import { registerShiftSubjects } from './shifts';
import { registerWorkOrderSubjects } from './work-orders';

/**
 * Registers every kind of work with the kernel (src/server/work/subjects.ts). The one place both
 * `buildApp` and the CLI (`open` in main.ts: serve, seed, sweeps) run, so a command that never
 * builds the routes sees the same registry. Safe to run more than once.
 */
export function registerAllSubjects(): void {
  registerWorkOrderSubjects();
  registerGateSubjects();
  registerPatrolSubjects();
  registerShiftSubjects();
  registerQualitySubjects();
}
