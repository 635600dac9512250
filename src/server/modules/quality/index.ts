// The quality module's public surface: the only file other modules import (docs/notes-lint.md).
// The app and the CLI mount these.
export { qualityRoutes } from './routes';
export { startQualityJobs, generateInspections } from './commands/plans';
export { registerQualitySubjects } from './subjects';
export { useInspectionLibrary } from './library';
export { seedDemoQuality } from './demo';
export { failedItemText, itemFailures, mostFailedItems, scoredInspections } from './staff-evidence';
