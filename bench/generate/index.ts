import { systemContext } from '../../src/server/auth/context';
import { createUser } from '../../src/server/auth/commands/create-user';
import type { Database } from '../../src/server/db/client';
import { effectiveCalendar, effectiveStandard } from '../../src/server/modules/standards/repository';
import { registerAllSubjects } from '../../src/server/modules/subjects';
import { DEMO_PASSWORD, hasDemoData, seedDemo } from '../../src/server/seed/demo';
import type { WorkOrderKind } from '../../src/common/work-orders';
import type { ServiceStandard } from '../../src/server/standards/definition';
import { BulkWriter } from '../lib/bulk';
import { Prng } from '../lib/prng';
import { generateOrders } from './orders';
import { generateRegistry, sizeOf, type GeneratedRegistry } from './registry';

/** Accounts of the generated company (password: the demo password). */
export const BENCH_LOGINS = { admin: 'bench-admin', desk: 'bench-desk' } as const;
export const BENCH_PASSWORD = DEMO_PASSWORD;

export interface LoadReport {
  scale: number;
  seed: number;
  seconds: number;
  rows: Record<string, number>;
  registry: GeneratedRegistry;
}

const TABLE_ORDER = ['organizations', 'communities', 'buildings', 'units', 'residents', 'resident_units', 'staff', 'work_orders', 'work_events', 'sla_timers', 'work_counters'];

/**
 * Loads a deterministic dataset into a prepared, empty database: the demo company (through the
 * product's own seed, for its logins) and one large company of `scale` (bulk rows). Same seed,
 * scale and `now` give the same rows.
 */
export async function generateDataset(database: Database, scale: number, seed: number, now: Date, log: (s: string) => void): Promise<LoadReport> {
  const started = performance.now();
  // The demo opens work through the kernel, which numbers it from the registered kinds (as `wuye seed` does).
  registerAllSubjects();
  if (!(await hasDemoData(database))) await seedDemo(database);
  const rand = new Prng(seed);
  const w = new BulkWriter(database, TABLE_ORDER);
  const registry = await generateRegistry(w, rand, scale, now);
  await w.flush();
  log(`registry: ${registry.communities.length} communities, ${w.counts.get('units')} units, ${w.counts.get('residents')} residents`);
  const first = registry.communities[0]!;
  const standards = {} as Record<WorkOrderKind, { id: string; definition: ServiceStandard }>;
  for (const kind of ['repair', 'complaint', 'inquiry'] as const) {
    const v = await effectiveStandard(database.db, kind, registry.organizationId, first.id);
    standards[kind] = { id: v!.id, definition: v!.definition };
  }
  const calendar = await effectiveCalendar(database.db, first.id);
  const size = sizeOf(scale);
  const per = Math.floor(size.workOrders / registry.communities.length);
  for (const [i, community] of registry.communities.entries()) {
    const count = i === registry.communities.length - 1 ? size.workOrders - per * i : per;
    await generateOrders(w, rand, { registry, standards, calendar, now, days: 365 }, community, count);
    if ((i + 1) % Math.max(1, Math.floor(registry.communities.length / 10)) === 0) log(`work orders: ${w.counts.get('work_orders')} of ${size.workOrders}`);
  }
  await w.flush();
  await database.db.transaction(async (tx) => {
    const ctx = systemContext(registry.organizationId);
    await createUser(tx, ctx, { organizationId: registry.organizationId, username: BENCH_LOGINS.admin, displayName: '基准管理员', password: BENCH_PASSWORD, roles: ['company_admin'] });
    await createUser(tx, ctx, { organizationId: registry.organizationId, username: BENCH_LOGINS.desk, displayName: '基准客服', password: BENCH_PASSWORD, roles: ['service_desk'], staffId: first.desk[0]! });
  });
  await database.query('analyze');
  return { scale, seed, seconds: (performance.now() - started) / 1000, rows: Object.fromEntries(w.counts), registry };
}
