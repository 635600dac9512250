import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { foldDayCounts } from './day-counts';
import { STATUS_TYPES } from '../../../common/work-orders';
import { act, buildCrew, type Crew } from './test-kit';

// The dashboard reads whole local days from the roll-up (totals + unfolded deltas kept by the
// work_orders triggers) and the days a period cuts through from the orders. For any sequence of
// intakes, state changes, deletions, time-zone changes and folds, and any period, it must count
// exactly what a plain count of the orders gives: here a model in memory, with local days from
// Intl, so the oracle shares no SQL with what it checks.

let t: TestApp;
let crew: Crew;
let second: string;
beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'dc');
  second = (await crew.clients.admin.post('/api/v1/communities', { name: 'dc 第二小区' })).json().id;
});
afterAll(() => t.close());

const ZONES = ['Asia/Shanghai', 'America/New_York', 'Asia/Kolkata'] as const;
const TYPES = STATUS_TYPES;
// Two weeks around New York's return to standard time (a 25-hour local day on 2026-11-01).
const START = Date.parse('2026-10-25T00:00:00Z');
const SPAN = 14 * 86_400_000;

interface Order {
  id: string;
  community: number;
  createdAt: number;
  stateType: string;
}

type Op =
  | { t: 'add'; community: number; at: number; type: number; count: number }
  | { t: 'move'; pick: number; type: number }
  | { t: 'drop'; pick: number }
  | { t: 'zone'; community: number; zone: number }
  | { t: 'fold' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('add' as const), community: fc.nat(1), at: fc.integer({ min: 0, max: SPAN - 1 }), type: fc.nat(TYPES.length - 1), count: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('move' as const), pick: fc.nat(1000), type: fc.nat(TYPES.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('drop' as const), pick: fc.nat(1000) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('zone' as const), community: fc.nat(1), zone: fc.nat(ZONES.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('fold' as const) }) },
);
// A period: any start in the fortnight, from a minute to twelve days long; or one community.
const period = fc.record({ from: fc.integer({ min: 0, max: SPAN }), minutes: fc.integer({ min: 1, max: 12 * 24 * 60 }), one: fc.boolean() });

const localDay = (at: number, zone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(at));

let serial = 0;
describe('dashboard roll-up', () => {
  it('counts every period exactly as the orders themselves, whatever happened before', async () => {
    const communities = [crew.org.community.id, second];
    const standard = (await t.database.query<{ id: string }>(`select standard_version_id as id from work_orders limit 1`))[0]?.id ?? randomUUID();
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), fc.array(period, { minLength: 1, maxLength: 4 }), async (ops, periods) => {
        await t.database.query(`delete from work_orders where organization_id = $1`, [crew.org.org.id]);
        await t.database.query(`update communities set time_zone = 'Asia/Shanghai' where id = any($1::uuid[])`, [communities]);
        const zones: string[] = ['Asia/Shanghai', 'Asia/Shanghai'];
        let orders: Order[] = [];
        for (const o of ops) {
          if (o.t === 'add') {
            const added = Array.from({ length: o.count }, (_, i) => ({ id: randomUUID(), community: o.community, createdAt: START + o.at + i * 3_600_000, stateType: TYPES[o.type]! }));
            // One statement for the lot, as an import does.
            await t.database.query(
              `insert into work_orders (id, organization_id, community_id, kind, number, standard_version_id, state, state_type, category, channel, description, created_at)
               select x.id, $1, x.community_id, 'repair', x.number, $2, 'new', x.state_type, 'plumbing', 'phone', '统计', x.created_at
               from json_to_recordset($3::json) as x(id uuid, community_id uuid, number text, state_type text, created_at timestamptz)`,
              [crew.org.org.id, standard, JSON.stringify(added.map((a) => ({ id: a.id, community_id: communities[a.community], number: `DC-${++serial}`, state_type: a.stateType, created_at: new Date(a.createdAt).toISOString() })))],
            );
            orders.push(...added);
          } else if (o.t === 'move' && orders.length) {
            const order = orders[o.pick % orders.length]!;
            order.stateType = TYPES[o.type]!;
            await t.database.query(`update work_orders set state_type = $2 where id = $1`, [order.id, order.stateType]);
          } else if (o.t === 'drop' && orders.length) {
            const order = orders[o.pick % orders.length]!;
            orders = orders.filter((x) => x !== order);
            await t.database.query(`delete from work_orders where id = $1`, [order.id]);
          } else if (o.t === 'zone') {
            zones[o.community] = ZONES[o.zone]!;
            await t.database.query(`update communities set time_zone = $2 where id = $1`, [communities[o.community], zones[o.community]]);
          } else if (o.t === 'fold') {
            await foldDayCounts(t.database.db);
          }
        }
        for (const p of periods) {
          const from = START + p.from;
          const to = from + p.minutes * 60_000;
          const community = p.one ? 1 : null;
          const seen = orders.filter((x) => x.createdAt >= from && x.createdAt < to && (community === null || x.community === community));
          const tally = (key: (x: Order) => string) => {
            const m = new Map<string, number>();
            for (const x of seen) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
            return m;
          };
          const query = `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}${community === null ? '' : `&communityId=${communities[community]}`}`;
          const res = await crew.clients.admin.get(`/api/v1/work-orders/stats?${query}`);
          expect(res.statusCode, res.body).toBe(200);
          const stats = res.json() as { total: number; byStatusType: { statusType: string; count: number }[]; byCommunity: { communityId: string; count: number }[]; byDay: { day: string; count: number }[] };
          expect(stats.total).toBe(seen.length);
          expect(new Map(stats.byStatusType.map((r) => [r.statusType, r.count]))).toEqual(tally((x) => x.stateType));
          expect(new Map(stats.byCommunity.map((r) => [r.communityId, r.count]))).toEqual(tally((x) => communities[x.community]!));
          // Days of two zones can share a date: the day row sums them, as the dashboard shows it.
          expect(new Map(stats.byDay.map((r) => [r.day, r.count]))).toEqual(tally((x) => localDay(x.createdAt, zones[x.community]!)));
        }
      }),
      { numRuns: 40 },
    );
    // Folding everything (two folds at once: on PostgreSQL, two connections) leaves the totals
    // equal to a plain count of the orders, with no zero cells and no delta left.
    await Promise.all([foldDayCounts(t.database.db), foldDayCounts(t.database.db)]);
    const [drift] = await t.database.query<{ n: number }>(
      `select count(*)::int as n from (
         select community_id, day, state_type, n from work_order_day_counts where organization_id = $1
         except
         select w.community_id, (w.created_at at time zone c.time_zone)::date, w.state_type, count(*)::int from work_orders w join communities c on c.id = w.community_id
         where w.organization_id = $1 group by 1, 2, 3) d`,
      [crew.org.org.id],
    );
    const [left] = await t.database.query<{ n: number }>(`select count(*)::int as n from work_order_day_deltas`);
    expect(drift!.n).toBe(0);
    expect(left!.n).toBe(0);
  });

  it('a state change made by a step moves the order between state types in the counts', async () => {
    await t.database.query(`delete from work_orders where organization_id = $1`, [crew.org.org.id]);
    const created = await crew.clients.desk.post('/api/v1/work-orders', { kind: 'repair', communityId: crew.org.community.id, channel: 'phone', category: 'electrical', description: '楼道灯不亮', reporterName: '李女士', reporterPhone: '13900002222' });
    expect(created.statusCode, created.body).toBe(201);
    const before = (await crew.clients.admin.get('/api/v1/work-orders/stats')).json();
    expect(before.byStatusType).toEqual([{ statusType: 'open', count: 1 }]);
    expect((await act(crew.clients.desk, created.json().id, 'cancel', { reason: '业主已自行解决' })).status).toBe('cancelled');
    const after = (await crew.clients.admin.get('/api/v1/work-orders/stats')).json();
    expect(after.byStatusType).toEqual([{ statusType: 'cancelled', count: 1 }]);
  });
});
