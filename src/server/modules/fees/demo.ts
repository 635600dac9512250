import { userContext } from '../../auth/session';
import type { Database } from '../../db/client';
import { inTransaction } from '../../db/transaction';
import { localDateIn } from '../../work/numbering';
import { billableUnits, firstCommunityOf } from '../registry';
import { seededRandom } from '../../seed/random';
import { unitAccount } from './commands/accounts';
import { runBills } from './commands/bill-runs';
import { createFeeItem } from './commands/fee-items';
import { takePayment } from './commands/payments';
import { createMeter, enterReading } from './commands/readings';
import { addDays } from './pricing';
import { addLateFeeRule } from './late-fees';
import { ledgerOf } from './repository';
import { saveReminderSettings } from './reminder-settings';
import type { PaymentMethod } from '../../../common/fees';

const monthsBack = (today: string, n: number) => {
  const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 7);
};

/**
 * A year of fees in the demo community, through the module's own commands by the demo manager
 * and desk: property fee by area (high-rise) and waste collection, billed for the last
 * twelve months by quarter; most owners paid everything, some a quarter late, a few far behind (six
 * months or more); water meters in 1栋 with three months of readings, one spike waiting for review.
 * Payments are dated today (the desk's command takes payments now), so arrears age from the
 * charges' due dates. The demo owner's home is a quarter behind. Arrears reminders are on (so the
 * first run of the reminder job at start-up puts a reminder in the owners' inboxes), and so are
 * late fees from today (0.5‰ a day after 15 days' grace, at most 10%): charges due from today on
 * accrue them once their grace has passed; nothing billed before reaches back.
 */
export async function seedDemoFees(database: Database, organizationId: string, ownerUnit?: { building: string; number: string }): Promise<void> {
  const db = database.db;
  const ctxOf = (username: string) => userContext(db, organizationId, username);
  const manager = await ctxOf('demo-manager');
  const desk = await ctxOf('demo-desk');
  const community = await firstCommunityOf(db, organizationId);
  if (!community) return;
  const today = localDateIn(community.timeZone, new Date());
  const first = monthsBack(today, 11);
  const random = seededRandom(15);

  // The demo's buildings are high-rises (set where the registry's demo creates them).
  await createFeeItem(db, manager, { communityId: community.id, name: '物业服务费', cycle: 'quarterly', rounding: 'half_up', effectiveFrom: `${first}-01`, pricing: { kind: 'area', pricesByType: { high_rise: 220 } } });
  await createFeeItem(db, manager, { communityId: community.id, name: '生活垃圾清运费', cycle: 'quarterly', rounding: 'half_up', effectiveFrom: `${first}-01`, pricing: { kind: 'fixed', monthlyFen: 1000 } });
  // A finished paid repair's agreed quote is charged to this item (one per community).
  await createFeeItem(db, manager, { communityId: community.id, name: '有偿维修', cycle: null, rounding: 'half_up', effectiveFrom: `${first}-01`, pricing: { kind: 'one_off', amountFen: 0 }, purpose: 'paid_repair' });
  const water = await createFeeItem(db, manager, {
    communityId: community.id,
    name: '水费',
    cycle: null,
    rounding: 'half_up',
    effectiveFrom: `${first}-01`,
    pricing: { kind: 'metered', unitName: '吨', tiers: [{ upTo: 15, priceFen: 395 }, { upTo: 25, priceFen: 540 }, { upTo: null, priceFen: 830 }] },
  });
  // Quarterly bills of the last four quarters (a quarter starts in Jan/Apr/Jul/Oct).
  for (let m = 11; m >= 0; m--) {
    const period = monthsBack(today, m);
    if ((Number(period.slice(5)) - 1) % 3 === 0) await runBills(db, manager, { communityId: community.id, cycle: 'quarterly', periodStart: period, dryRun: false });
  }

  // Payments: most owners settle everything, some a quarter late, a few far behind.
  const homes = await billableUnits(db, community.id);
  const unitRows = homes.map((u) => ({ id: u.unitId }));
  const methods: PaymentMethod[] = ['wechat_pay', 'wechat_pay', 'alipay', 'transfer', 'cash', 'bank_card'];
  let n = 0;
  for (const u of unitRows) {
    const account = await inTransaction(db, (tx) => unitAccount(tx, desk, u.id));
    const charges = (await ledgerOf(db, account.id)).entries.filter((e) => e.kind === 'charge');
    if (!charges.length) continue;
    const roll = random();
    const home = homes.find((h) => h.unitId === u.id);
    const behind = ownerUnit && home?.buildingName === ownerUnit.building && home.number === ownerUnit.number;
    const lastPaid = behind ? `${monthsBack(today, 3)}-01` : roll < 0.78 ? today : roll < 0.92 ? `${monthsBack(today, 3)}-01` : roll < 0.98 ? `${monthsBack(today, 7)}-01` : '0000-01-01';
    const amount = charges.filter((c) => c.periodStart! < lastPaid).reduce((s, c) => s + c.amountFen, 0);
    if (!amount) continue;
    const method = methods[Math.floor(random() * methods.length)]!;
    n++;
    await takePayment(db, desk, {
      accountId: account.id,
      lines: [method === 'cash' ? { method, amountFen: amount, tenderedFen: Math.ceil(amount / 10000) * 10000 } : { method, amountFen: amount, reference: `DEMO${String(n).padStart(6, '0')}` }],
    });
  }

  // Water meters of 1栋's first floors, read monthly for three months; one spike waits for review.
  const meterUnits = homes.filter((u) => u.buildingName === '1栋').slice(0, 8).map((u) => ({ id: u.unitId }));
  for (const [i, u] of meterUnits.entries()) {
    const start = 300 + Math.round(random() * 500);
    const meter = await createMeter(db, manager, { unitId: u.id, itemId: water.id, serialNo: `SB-1-${String(i + 1).padStart(3, '0')}`, startReading: start, installedOn: addDays(today, -100) });
    let value = start;
    for (const back of [70, 40, 10]) {
      value += i === 3 && back === 10 ? 60 : 8 + Math.round(random() * 8);
      await enterReading(db, manager, { meterId: meter.id, reading: value, readOn: addDays(today, -back) });
    }
  }

  // Reminders monthly once 30 days overdue, at most four a year; late fees from today.
  await saveReminderSettings(db, manager, community.id, { remindersEnabled: true, reminderAfterDays: 30, reminderEveryDays: 30, reminderMaxPerYear: 4, reminderSms: false });
  await addLateFeeRule(db, manager, community.id, { itemId: null, effectiveFrom: today, mode: 'daily_rate', dailyRatePermille: 0.5, graceDays: 15, capPercent: 10 });
}
