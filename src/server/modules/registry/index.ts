// The registry module's public surface: the only file other modules import (docs/notes-lint.md).
// Other modules read communities, staff, units and residents through these functions, never
// through the registry's tables.
export { registryRoutes } from './routes';
export { registerRegistryAuditEntities } from './audit-entities';
export { maskPhone } from './masking';
export { communityScope } from './repository/communities';
export { intakeLookup } from './repository/intake-lookup';
export { unitDetailFor } from './repository/unit-detail';
export { checkReferences, visibleResident, type Reference, type ReferenceKind } from './repository/references';
export {
  activeStaffMember,
  activeUnitOf,
  activeUnitPlace,
  buildingsOfCommunity,
  communityById,
  communityDayStartSql,
  communityPlacesSql,
  firstCommunityOf,
  communityNames,
  residentById,
  residentsWithPhone,
  staffIdsServing,
  staffServesSql,
  staffServingAny,
  staffByName,
  lockStaffMember,
  staffMemberOf,
  staffPhone,
  staffNames,
  techniciansServing,
  unitByLabel,
  visibleCommunity,
  visibleCommunities,
  type Community,
  type StaffMember,
} from './repository/lookups';
export { organizationDataSettings, retentionPeriods, type OrganizationDataSettings } from './repository/organization-settings';
export { updateOrganizationDataSettings } from './commands/update-data-settings';
export { eraseResidentRecord, residentToErase } from './commands/erase-resident';
export { residentProfile } from './repository/resident-data';
export { billableUnits, ownersOfUnits, type BillableUnit } from './repository/billing';
export {
  activeCommunityOrganization,
  activeOrganizationIds,
  communitiesOfResident,
  currentBinding,
  currentBindingsOf,
  homeCommunityOfPhone,
  occupantsOfUnits,
  pickableBuildings,
  pickableCommunityList,
  pickableUnits,
  requestableUnit,
  residentContacts,
  unitLabels,
  type PickableCommunities,
} from './repository/portal';
export { addPendingBinding, approveBinding, createPortalResident, dropPendingBinding } from './commands/portal-bindings';
// The import kit other modules' Excel imports use (columns by header and aliases, a reader per row
// that collects every problem), so every import in the product reads and answers alike.
export { locateColumns, normalizeHeader, type ColumnSpec } from './import/columns';
export { readRows } from './import/plan';
export { RowReader, type ImportProblem, type KeyedProblem } from './import/row-reader';
