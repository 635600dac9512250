import { randomUUID } from 'node:crypto';
import { writeWorkbook } from '../../src/server/files/workbook';
import { BENCH_LOGINS, BENCH_PASSWORD } from '../generate';
import { bulkInsert } from '../lib/bulk';
import { BenchServer, signIn } from '../lib/server';
import { report, round } from '../lib/report';
import type { Benchmark } from '.';

const BUILDINGS = 10;
const FLOORS = 50;
const PER_FLOOR = 20;

/**
 * A 10,000-row units xlsx through POST /api/v1/imports/units (dry run, then commit), against the
 * baseline of the same rows inserted by one bulk statement through the driver.
 */
export const importXlsx: Benchmark = {
  async run({ target, log }) {
    const run = randomUUID().slice(0, 6);
    const server = await BenchServer.start(target!.env);
    const database = await target!.open();
    try {
      const auth = await signIn(server.url, BENCH_LOGINS.admin, BENCH_PASSWORD);
      const [community] = await database.query<{ id: string; organization_id: string }>(`select c.id, c.organization_id from communities c join organizations o on o.id = c.organization_id where o.name like '基准物业集团%' order by c.name limit 1`);
      const makeBuildings = async (tag: string) => {
        const ids: { id: string; name: string }[] = [];
        for (let b = 1; b <= BUILDINGS; b++) {
          const res = await fetch(`${server.url}/api/v1/buildings`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ communityId: community!.id, name: `${tag}${run}-${b}栋`, floors: FLOORS, unitsPerFloor: PER_FLOOR }) });
          if (res.status !== 201) throw new Error(`building: ${res.status} ${await res.text()}`);
          ids.push((await res.json()) as { id: string; name: string });
        }
        return ids;
      };
      const rowsOf = (bs: { name: string }[]) =>
        bs.flatMap((b) => Array.from({ length: FLOORS * PER_FLOOR }, (_, i) => [b.name, Math.floor(i / PER_FLOOR) + 1, `${Math.floor(i / PER_FLOOR) + 1}${String((i % PER_FLOOR) + 1).padStart(2, '0')}`, 89.5, '住宅', '空置']));
      const imported = await makeBuildings('导入');
      const rows = rowsOf(imported);
      const xlsx = await writeWorkbook([{ name: '房屋', headers: ['楼栋', '楼层', '房号', '面积(㎡)', '用途', '状态'], rows }]);
      log(`import: ${rows.length} rows, ${Math.round(xlsx.length / 1024)} kB xlsx`);
      const timed = async (mode: string) => {
        const boundary = `----bench${run}`;
        const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="units.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`), xlsx, Buffer.from(`\r\n--${boundary}--\r\n`)]);
        const t0 = performance.now();
        const res = await fetch(`${server.url}/api/v1/imports/units?communityId=${community!.id}&mode=${mode}`, { method: 'POST', headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` }, body });
        const json = (await res.json()) as { ok: boolean; created: number; errors: unknown[] };
        if (!res.ok || !json.ok) throw new Error(`import ${mode}: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
        return { seconds: (performance.now() - t0) / 1000, created: json.created };
      };
      const dry = await timed('dry-run');
      const commit = await timed('commit');
      const peak = server.peakRssMb();

      const baseBuildings = await makeBuildings('基线');
      const baseRows = rowsOf(baseBuildings).map((r, i) => ({
        organization_id: community!.organization_id,
        community_id: community!.id,
        building_id: baseBuildings[Math.floor(i / (FLOORS * PER_FLOOR))]!.id,
        floor: r[1],
        number: r[2],
        area_m2: '89.50',
        use: 'residential',
        status: 'vacant',
      }));
      const t0 = performance.now();
      await bulkInsert(database, 'units', baseRows, baseRows.length);
      const baseline = (performance.now() - t0) / 1000;
      report('import', [
        { step: 'HTTP import, dry run', rows: rows.length, seconds: round(dry.seconds, 2), 'rows/s': Math.round(rows.length / dry.seconds), 'ratio to baseline': round(dry.seconds / baseline, 1), 'peak RSS MB': peak },
        { step: 'HTTP import, commit', rows: commit.created, seconds: round(commit.seconds, 2), 'rows/s': Math.round(rows.length / commit.seconds), 'ratio to baseline': round(commit.seconds / baseline, 1), 'peak RSS MB': peak },
        { step: 'baseline: one bulk insert', rows: baseRows.length, seconds: round(baseline, 2), 'rows/s': Math.round(baseRows.length / baseline), 'ratio to baseline': 1, 'peak RSS MB': null },
      ], { db: target!.kind, xlsxKb: Math.round(xlsx.length / 1024) });
      if (commit.created !== rows.length) throw new Error(`import created ${commit.created} of ${rows.length}`);
    } finally {
      // Leave the dataset as it was: the buildings and units of this run go again.
      await database.query(`delete from units where building_id in (select id from buildings where name like $1 or name like $2)`, [`导入${run}-%`, `基线${run}-%`]);
      await database.query(`delete from buildings where name like $1 or name like $2`, [`导入${run}-%`, `基线${run}-%`]);
      await database.close();
      await server.stop();
    }
  },
};
