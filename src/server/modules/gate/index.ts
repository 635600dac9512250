// The gate module's public surface: the only file other modules import (docs/notes-lint.md).
// Nothing of the gate is used by another module; the app mounts its routes.
export { gateRoutes } from './routes';
export { registerGateSubjects } from './subjects';
export { eraseResidentFromGate, eraseExpiredVisitorData, ERASED_NAME, type RetentionResult } from './retention';
export { gateRecordsOfResident } from './resident-data';
export { gateRecordsOfUnit, type UnitGateRecords } from './unit-records';
// The gate's kinds of work as `runStep` takes them (visitor passes, release slips, decorations).
export { decorationSubject, passSubject, slipSubject } from './step-kinds';
