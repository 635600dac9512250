import { and, eq, isNull } from 'drizzle-orm';
import { phoneSchema } from '../../../../common/registry';
import { tenantScope } from '../../../db/scope';
import { buildings, residents, residentUnits, units } from '../tables';
import { IMPORT_COLUMNS } from './columns';
import { bulkInsert } from '../../../db/bulk-insert';
import { readRows, unitKey, type ImportPlan, type PlanContext } from './plan';
import type { Sheet } from '../../../files/workbook';

const PLATE_SPLIT = /[,，;；、/\s]+/;

interface Person {
  row: number;
  name: string;
  phone: string;
  idType: string | null;
  idNumber: string | null;
  plates: string[];
  bindings: { unitId: string; relation: 'owner' | 'family' | 'tenant'; moveInOn: string | null }[];
}

/**
 * Validates a residents sheet: one row per person and unit. A person with several units repeats
 * their phone and name on several rows; the same phone with another name, or the same phone and
 * unit twice, is a duplicate. Phones already registered in the organization are refused.
 */
export async function planResidents({ db, actor, community }: PlanContext, sheet: Sheet): Promise<ImportPlan> {
  const { problems, readers } = readRows(sheet, IMPORT_COLUMNS.residents);
  const [unitRows, phoneRows] = await Promise.all([
    db
      .select({ id: units.id, number: units.number, buildingName: buildings.name })
      .from(units)
      .innerJoin(buildings, eq(buildings.id, units.buildingId))
      .where(
        and(
          eq(units.communityId, community.id),
          isNull(units.archivedAt),
          isNull(buildings.archivedAt),
          tenantScope(actor, { organizationId: units.organizationId, communityId: units.communityId }),
        ),
      ),
    // Phones are unique per organization, so the check spans the organization, not the community.
    db
      .select({ phone: residents.phone })
      .from(residents)
      .where(and(isNull(residents.archivedAt), tenantScope(actor, { organizationId: residents.organizationId }))),
  ]);
  const unitsByKey = new Map(unitRows.map((u) => [unitKey(u.buildingName, u.number), u.id]));
  const buildingNames = new Set(unitRows.map((u) => u.buildingName));
  const takenPhones = new Set(phoneRows.map((p) => p.phone));
  const people = new Map<string, Person>();
  const boundRows = new Map<string, number>();

  for (const r of readers) {
    const name = r.text('name', { required: true, max: 50 });
    const rawPhone = r.text('phone', { required: true, max: 20 });
    const phone = rawPhone === undefined ? undefined : phoneSchema.safeParse(rawPhone.replace(/[\s-]/g, '')).data;
    if (rawPhone !== undefined && phone === undefined) r.fail('phone', { key: 'field.phone' });
    const idType = r.choice('idType', 'idType') ?? null;
    const idNumber = r.text('idNumber', { min: 4, max: 30 }) ?? null;
    const plates = r.raw('plates') ? r.raw('plates').split(PLATE_SPLIT).filter(Boolean) : [];
    if (plates.some((p) => p.length < 5 || p.length > 10) || plates.length > 10) r.fail('plates', { key: 'field.plate' });
    const buildingName = r.text('building', { required: true, max: 50 });
    const number = r.text('number', { required: true, max: 20 });
    const relation = r.choice('relation', 'relation', { required: true });
    const moveInOn = r.date('moveInOn');
    let unitId: string | undefined;
    if (buildingName !== undefined && !buildingNames.has(buildingName)) {
      r.fail('building', { key: 'field.buildingUnknown', params: { name: buildingName } });
    } else if (buildingName !== undefined && number !== undefined) {
      unitId = unitsByKey.get(unitKey(buildingName, number));
      if (!unitId) r.fail('number', { key: 'field.unitUnknown', params: { building: buildingName, number } });
    }
    if (phone === undefined || name === undefined) continue;
    if (takenPhones.has(phone)) {
      r.fail('phone', { key: 'field.taken' });
      continue;
    }
    let person = people.get(phone);
    if (person && person.name !== name) {
      r.fail('phone', { key: 'field.phoneOtherName', params: { row: person.row } });
      continue;
    }
    if (unitId) {
      const bindingKey = `${phone}\u0000${unitId}`;
      const first = boundRows.get(bindingKey);
      if (first !== undefined) {
        r.fail('number', { key: 'field.duplicateRow', params: { row: first } });
        continue;
      }
      boundRows.set(bindingKey, r.row.row);
    }
    if (!person) {
      person = { row: r.row.row, name, phone, idType: idType as string | null, idNumber, plates, bindings: [] };
      people.set(phone, person);
    }
    if (unitId && relation && moveInOn !== undefined) person.bindings.push({ unitId, relation, moveInOn });
  }

  return {
    rows: sheet.rows.length,
    problems,
    async write(tx) {
      const list = [...people.values()];
      const inserted = await bulkInsert(
        tx,
        residents,
        list.map((p) => ({ organizationId: community.organizationId, name: p.name, phone: p.phone, idType: p.idType, idNumber: p.idNumber, plates: p.plates })),
        ['id', 'phone'],
      );
      const ids = new Map(inserted.map((row) => [row.phone, row.id]));
      const bindings = list.flatMap((p) =>
        p.bindings.map((b) => ({
          organizationId: community.organizationId,
          communityId: community.id,
          residentId: ids.get(p.phone)!,
          unitId: b.unitId,
          relation: b.relation,
          moveInOn: b.moveInOn,
        })),
      );
      await bulkInsert(tx, residentUnits, bindings);
      return list.length;
    },
  };
}
