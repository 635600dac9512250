// The work-orders module's public surface: the only file other modules import (docs/notes-lint.md).
export { workOrderRoutes } from './routes';
export { createWorkOrderIn } from './commands/create-work-order';
export { workOrdersOfUnit, type UnitOrders } from './unit-orders';
export { registerWorkOrderSubjects } from './subjects';
export { registerWorkOrderAuditEntities } from './audit-entities';
export { anonymiseReporter } from './erase-reporter';
export { ordersReportedBy, type ReportedOrder } from './resident-data';
export { complaintsInCategory, orderAssignees, ordersConcerningStaff, returnVisitScores, WORK_ORDER_TIMER_SUBJECT } from './staff-evidence';
