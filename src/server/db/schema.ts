// Every table of the product, for drizzle-kit and the typed query builder.
export * from '../modules/registry/tables';
export * from '../auth/tables';
export * from '../modules/audit/tables';
export * from '../modules/notifications/tables';
export * from '../modules/standards/tables';
export * from '../modules/work-orders/tables';
export * from '../modules/attachments/tables';
export * from '../modules/outbound/tables';
export * from '../modules/portal/tables';
export * from '../modules/patrol/tables';
export * from '../modules/shifts/tables';
export * from '../modules/incidents/tables';
export * from '../modules/gate/tables';
export * from '../work/numbering-tables';
export * from '../work/tables';
export * from '../http/tables';
export * from '../modules/fees/tables';
