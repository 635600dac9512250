import type { z } from 'zod';
import { earliestTrainingCompletion, isClearedForSoloWork } from '../../../common/registry';
import type { Actor } from '../../db/scope';
import { maskIdNumber, maskPhone } from './masking';
import { buildingPolicy, communityPolicy, residentPolicy, staffPolicy, unitPolicy } from './policy';
import type { BuildingRow } from './repository/buildings';
import type { CommunityRow } from './repository/communities';
import type { BindingRow } from './repository/residents';
import type { UnitRow } from './repository/units';
import type {
  buildingSchema,
  communitySchema,
  residentSchema,
  staffSchema,
  unitDetailSchema,
  unitSchema,
} from './schemas';
import type { residents, staff } from './tables';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const num = (v: string | null) => (v === null ? null : Number(v));
const lifecycle = (r: { createdAt: Date; updatedAt: Date; archivedAt: Date | null }) => ({
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  archivedAt: iso(r.archivedAt),
});

/** The label people use for a unit: `3栋 1202`. */
export const unitLabel = (buildingName: string, number: string) => `${buildingName} ${number}`;

/** Community row -> API shape. */
export function presentCommunity(actor: Actor, row: CommunityRow): z.infer<typeof communitySchema> {
  const c = row.community;
  return {
    id: c.id,
    name: c.name,
    address: c.address,
    managedAreaM2: num(c.managedAreaM2),
    serviceLevel: c.serviceLevel,
    contractStart: c.contractStart,
    contractEnd: c.contractEnd,
    deskHours: c.deskHours,
    timeZone: c.timeZone,
    hotline: c.hotline,
    buildingCount: row.buildingCount,
    unitCount: row.unitCount,
    ...lifecycle(c),
    allowedActions: communityPolicy.allowedActions(actor, c),
  };
}

/** Building row -> API shape. */
export function presentBuilding(actor: Actor, row: BuildingRow): z.infer<typeof buildingSchema> {
  const b = row.building;
  return {
    id: b.id,
    community: { id: b.communityId, name: row.communityName },
    name: b.name,
    floors: b.floors,
    unitsPerFloor: b.unitsPerFloor,
    propertyType: b.propertyType,
    unitCount: row.unitCount,
    ...lifecycle(b),
    allowedActions: buildingPolicy.allowedActions(actor, b),
  };
}

/** Unit row -> API shape. */
export function presentUnit(actor: Actor, row: UnitRow): z.infer<typeof unitSchema> {
  const u = row.unit;
  return {
    id: u.id,
    community: { id: u.communityId, name: row.communityName },
    building: { id: u.buildingId, name: row.buildingName },
    floor: u.floor,
    number: u.number,
    label: unitLabel(row.buildingName, u.number),
    areaM2: num(u.areaM2),
    use: u.use,
    status: u.status,
    residentCount: row.residentCount,
    ...lifecycle(u),
    allowedActions: unitPolicy.allowedActions(actor, u),
  };
}

/** Unit detail: the unit plus its current residents, personal data masked. */
export function presentUnitDetail(
  actor: Actor,
  row: UnitRow,
  people: { id: string; name: string; phone: string; relation: 'owner' | 'family' | 'tenant'; moveInOn: string | null }[],
): z.infer<typeof unitDetailSchema> {
  return {
    ...presentUnit(actor, row),
    residents: people.map((p) => ({ id: p.id, name: p.name, phone: maskPhone(p.phone), relation: p.relation, moveInOn: p.moveInOn })),
  };
}

/** Resident row and its visible bindings -> API shape, phone and ID number masked for everyone. */
export function presentResident(
  actor: Actor,
  row: typeof residents.$inferSelect,
  bindings: BindingRow[],
): z.infer<typeof residentSchema> {
  const current = bindings.filter((b) => b.moveOutOn === null);
  return {
    id: row.id,
    name: row.name,
    phone: maskPhone(row.phone),
    idType: (row.idType as 'id_card' | 'passport' | 'other' | null) ?? null,
    idNumber: maskIdNumber(row.idNumber),
    plates: row.plates,
    units: bindings.map((b) => ({
      id: b.id,
      unit: { id: b.unitId, label: unitLabel(b.buildingName, b.number), buildingId: b.buildingId, communityId: b.communityId, communityName: b.communityName },
      relation: b.relation,
      moveInOn: b.moveInOn,
      moveOutOn: b.moveOutOn,
    })),
    ...lifecycle(row),
    allowedActions: residentPolicy.allowedActions(actor, {
      organizationId: row.organizationId,
      archivedAt: row.archivedAt,
      erasedAt: row.erasedAt,
      communityIds: [...new Set(current.map((b) => b.communityId))],
    }),
  };
}

/** Staff row -> API shape with training status; community names limited to those the caller sees. */
export function presentStaff(
  actor: Actor,
  row: typeof staff.$inferSelect,
  communityNames: Map<string, string>,
): z.infer<typeof staffSchema> {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    position: row.position,
    skills: row.skills as z.infer<typeof staffSchema>['skills'],
    communities: row.communityIds.filter((id) => communityNames.has(id)).map((id) => ({ id, name: communityNames.get(id)! })),
    hireDate: row.hireDate,
    onDuty: row.onDuty,
    trainingStartedOn: row.trainingStartedOn,
    trainingCompletedOn: row.trainingCompletedOn,
    clearedForSoloWork: isClearedForSoloWork(row.trainingStartedOn, row.trainingCompletedOn),
    trainingCompletableOn: row.trainingStartedOn ? earliestTrainingCompletion(row.trainingStartedOn) : null,
    ...lifecycle(row),
    allowedActions: staffPolicy.allowedActions(actor, row),
  };
}
