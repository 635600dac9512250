import { userContext } from '../../auth/session';
import type { Database } from '../../db/client';
import { unitByLabel } from '../registry';
import { sweepTimers } from '../standards';
import { createPass } from './commands/create-pass';
import { createSlip } from './commands/create-slip';
import { registerGateSubjects } from './subjects';
import { addWorker, createDecoration, localToday } from './commands/decoration';
import sharp from 'sharp';
import { loadConfig } from '../../config';
import { recordUpload, storeFile } from '../attachments';
import { inTransaction } from '../../db/transaction';
import { runStep } from '../../work/take-step';
import { decorationSubject } from './step-kinds';

const HOUR = 3_600_000;

/**
 * Demo gate records of the demo community, made through the module's own commands by the demo
 * accounts: 林晓梅 (3栋 1202) expects a visitor today and has a slip open for her old sofa; a
 * walk-in registered by the guard is inside; a pass from two days ago expired at the end of its
 * window (the sweeper took the standard's expiry step); 5栋 801 is being renovated, with a fixed
 * worker whose certificate copy was checked and a temporary helper registered at the gate.
 */
export async function seedDemoGate(database: Database, organizationId: string, now = new Date()): Promise<void> {
  const db = database.db;
  const ctxOf = (username: string) => userContext(db, organizationId, username);
  const owner = await ctxOf('demo-owner');
  const guard = await ctxOf('demo-guard');
  const desk = await ctxOf('demo-desk');
  const manager = await ctxOf('demo-manager');
  const unitOf = async (building: string, number: string) => {
    const u = await unitByLabel(db, { organizationId, building, number });
    return u!.id;
  };
  const home = await unitOf('3栋', '1202');
  const neighbour = await unitOf('1栋', '602');
  const renovated = await unitOf('5栋', '801');
  // The photo of a fixed worker's duplicate certificate, uploaded by the desk like any photo.
  const copy = await sharp({ create: { width: 640, height: 400, channels: 3, background: '#e8e2d0' } })
    .composite([{ input: Buffer.from('<svg width="640" height="400"><rect x="40" y="40" width="560" height="320" fill="none" stroke="#8a7f66" stroke-width="6"/><rect x="80" y="90" width="140" height="180" fill="#c9c1aa"/></svg>') }])
    .jpeg()
    .toBuffer();
  const stored = await storeFile(loadConfig().uploadsDir, organizationId, 'photo', copy);
  const photo = await inTransaction(db, (tx) => recordUpload(tx, desk, { organizationId, kind: 'photo', fileName: 'certificate-copy.jpg', stored }));
  const day = (offset: number) => localToday('Asia/Shanghai', new Date(now.getTime() + offset * 24 * HOUR));
  const iso = (ms: number) => new Date(now.getTime() + ms).toISOString();
  const twoDaysAgo = new Date(now.getTime() - 48 * HOUR);

  await inTransaction(db, async (tx) => {
    await createPass(tx, owner, {
      unitId: home,
      visitorName: '周建华',
      visitorPhone: '13805711234',
      plate: '浙A8K520',
      partySize: 2,
      purpose: '探望父母',
      validFrom: iso(-HOUR),
      validUntil: iso(10 * HOUR),
      enterNow: false,
    }, undefined, now);
    await createPass(tx, owner, {
      unitId: home,
      visitorName: '陈晓东',
      visitorPhone: '13605719876',
      partySize: 1,
      purpose: '送家电',
      validFrom: twoDaysAgo.toISOString(),
      validUntil: new Date(twoDaysAgo.getTime() + 3 * HOUR).toISOString(),
      enterNow: false,
    }, undefined, twoDaysAgo);
    await createPass(tx, guard, {
      unitId: neighbour,
      visitorName: '顺丰快递 刘师傅',
      visitorPhone: '13957112233',
      partySize: 1,
      purpose: '送大件快递',
      hostConfirmation: 'phone',
      confirmedBy: '1栋602 住户',
      enterNow: true,
    }, undefined, now);
    await createSlip(tx, owner, {
      unitId: home,
      items: [
        { name: '旧布艺沙发', quantity: 1, note: '三人位' },
        { name: '纸箱（书籍）', quantity: 5 },
      ],
      carrierName: '王师傅',
      carrierPhone: '13706543210',
      plate: '浙A3M771',
      note: '搬往父母家',
    }, now);
    // 5栋 801 is being renovated: a fixed worker with a checked certificate, and a helper for today.
    const decoration = await createDecoration(tx, desk, {
      unitId: renovated,
      company: '匠心装饰工程有限公司',
      responsibleName: '赵立新',
      responsiblePhone: '13867125588',
      startsOn: day(-10),
      endsOn: day(20),
      note: '厨卫改造，施工时间 8:00–12:00、14:00–18:00',
    }, now);
    // Approved by the project manager with the signed rules, and started: it runs on the decoration standard.
    const approved = await runStep(tx, manager, { kind: decorationSubject, row: decoration }, 'approve', { rules_signed: true, approval_note: '不得改动承重墙，卫生间须做闭水试验' }, { now });
    const started = await runStep(tx, desk, { kind: decorationSubject, row: approved }, 'start', {}, { now });
    await addWorker(tx, desk, started, { name: '钱永福', phone: '13967120034', kind: 'fixed', certificateNumber: 'ZJ-2026-0088', certificatePhotoId: photo!.id }, now);
    await addWorker(tx, guard, started, { name: '孙小兵', kind: 'temporary', verification: '核对身份证，与负责人电话确认' }, now);
  });
  // The pass of two days ago ran out: the sweeper takes the standard's expiry step through the
  // kernel's breach path, for the kinds registered (a seed run alone registers the gate's here).
  registerGateSubjects();
  await sweepTimers(db, now);
}
