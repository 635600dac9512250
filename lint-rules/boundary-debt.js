// Reaches into another module's private files (or from the web into the server) that the tree
// still has: file -> the import targets it may keep, as root-relative paths without extension.
// This list only shrinks. Each entry names what replaces it; lint-boundaries.test.ts fails when an
// entry is no longer needed, so a fixed reach is also taken off the list.
export const boundaryDebt = {
  // Demo data: finds seeded units and people by name; wants registry lookups by name.
  'src/server/modules/gate/demo.ts': ['src/server/modules/registry/tables', 'src/server/modules/attachments/tables'],
  'src/server/modules/patrol/demo.ts': ['src/server/modules/registry/tables'],
  'src/server/modules/work-orders/demo-orders.ts': ['src/server/modules/registry/tables'],
  // The owner portal is a view of the registry's residents and bindings (it even writes
  // resident_units): its reads and writes belong in registry commands.
  'src/server/modules/portal/accounts.ts': ['src/server/modules/registry/tables'],
  'src/server/modules/portal/otp.ts': ['src/server/modules/registry/tables'],
  'src/server/modules/portal/presenter.ts': ['src/server/modules/registry/tables'],
  'src/server/modules/portal/repository.ts': ['src/server/modules/registry/tables'],
  'src/server/modules/portal/commands/decide-unit-request.ts': ['src/server/modules/registry/tables'],
  'src/server/modules/portal/commands/request-unit.ts': ['src/server/modules/registry/tables'],
  'src/server/modules/portal/routes/resident.ts': ['src/server/modules/registry/tables'],
  // SQL over many orders (list SLA phase, overdue filter, stats by community): want SQL fragments
  // exported by standards (timer phase of a subject) and registry (community name and time zone).
  'src/server/modules/work-orders/repository.ts': ['src/server/modules/standards/tables'],
  'src/server/modules/work-orders/stats.ts': ['src/server/modules/registry/tables', 'src/server/modules/standards/tables'],
};
