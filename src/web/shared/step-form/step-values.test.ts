import { describe, expect, it } from 'vitest';
import { actionBodySchema, type ActionDescription, type RecordDescription } from '../../../common/work/records';
import { checkRecord } from './step-check';
import { conditionHolds, resolveSignatures, shownRecords, stepBody, type PendingSignature } from './step-values';

const label = (zh: string) => ({ 'zh-CN': zh, 'en-US': zh });
const rec = (r: Partial<RecordDescription> & Pick<RecordDescription, 'name' | 'type'>): RecordDescription => ({ label: label(r.name), required: false, ...r });

const confirm: ActionDescription = {
  key: 'confirm',
  name: label('业主验收'),
  targets: ['done', 'in_progress'],
  records: [
    rec({ name: 'approved', type: 'boolean', required: true }),
    rec({ name: 'owner', type: 'signature', required: true, when: { approved: true } }),
    rec({ name: 'reason', type: 'text', required: true, when: { approved: { not: true } } }),
  ],
};

const day = (iso: string) => ({ toISOString: () => new Date(iso).toISOString(), format: () => iso.slice(0, 10) });

describe('step form values', () => {
  it('shows a record only while its condition on the step values holds', () => {
    expect(shownRecords(confirm, { approved: true }).map((r) => r.name)).toEqual(['approved', 'owner']);
    expect(shownRecords(confirm, { approved: false }).map((r) => r.name)).toEqual(['approved', 'reason']);
    // `not` holds when the value is absent.
    expect(shownRecords(confirm, {}).map((r) => r.name)).toEqual(['approved', 'reason']);
  });

  it('leaves out a record of a later outcome when an earlier outcome is chosen (by phone: the call, not a signature)', () => {
    const byPhone: ActionDescription = {
      ...confirm,
      records: [
        rec({ name: 'approved', type: 'boolean', required: true }),
        rec({ name: 'channel', type: 'choice', options: [] }),
        rec({ name: 'call_note', type: 'text', required: true, when: { approved: true, channel: ['phone', 'wechat'] } }),
        rec({ name: 'owner', type: 'signature', required: true, when: { approved: true }, unless: [{ approved: true, channel: ['phone', 'wechat'] }] }),
      ],
    };
    expect(shownRecords(byPhone, { approved: true, channel: 'phone' }).map((r) => r.name)).toEqual(['approved', 'channel', 'call_note']);
    expect(shownRecords(byPhone, { approved: true, channel: 'walk_in' }).map((r) => r.name)).toEqual(['approved', 'channel', 'owner']);
    // The owner in the app gives no channel: the signature.
    expect(shownRecords(byPhone, { approved: true }).map((r) => r.name)).toEqual(['approved', 'channel', 'owner']);
  });

  it('evaluates list conditions and facts, and ignores facts it does not know', () => {
    const action: ActionDescription = { ...confirm, records: [rec({ name: 'level', type: 'choice', options: [] })] };
    expect(conditionHolds({ level: ['a', 'b'] }, action, { level: 'b' })).toBe(true);
    expect(conditionHolds({ level: ['a', 'b'] }, action, { level: 'c' })).toBe(false);
    expect(conditionHolds({ paid: true }, action, {}, { paid: false })).toBe(false);
    expect(conditionHolds({ paid: true }, action, {})).toBe(true);
  });

  it('leaves out hidden and empty records and converts yuan, dates and lines to the API shapes', () => {
    expect(stepBody(confirm, { approved: false, reason: '  漏水未修好 ', owner: 'sig' })).toEqual({ approved: false, reason: '漏水未修好' });
    const action: ActionDescription = {
      key: 'quote',
      name: label('报价'),
      targets: [],
      records: [
        rec({ name: 'price', type: 'money' }),
        rec({ name: 'at', type: 'datetime' }),
        rec({ name: 'on', type: 'date' }),
        rec({ name: 'lines', type: 'price_lines' }),
        rec({ name: 'materials', type: 'item_lines' }),
        rec({ name: 'photos', type: 'photo' }),
        rec({ name: 'note', type: 'text' }),
        rec({ name: 'agree', type: 'consent' }),
      ],
    };
    const body = stepBody(action, {
      price: 12.34,
      at: day('2026-12-03T02:30:00.000Z'),
      on: day('2026-12-03'),
      lines: [{ priceItemId: '0d7f6c1e-1f7a-4f52-9b1a-2f1d7a2c9e11', name: '换龙头', quantity: 2, unitYuan: 45.5 }, { name: ' 辅料 ', unitYuan: 3 }],
      materials: [{ name: '生料带', quantity: 1 }, { name: '  ' }],
      photos: [],
      note: '   ',
      agree: false,
    });
    expect(body).toEqual({
      price: 1234,
      at: '2026-12-03T02:30:00.000Z',
      on: '2026-12-03',
      lines: [
        { priceItemId: '0d7f6c1e-1f7a-4f52-9b1a-2f1d7a2c9e11', name: '换龙头', quantity: 2, amount: 9100 },
        { name: '辅料', quantity: 1, amount: 300 },
      ],
      materials: [{ name: '生料带', quantity: 1 }],
    });
    // The body the form builds is one the API's schema for the same records accepts.
    expect(actionBodySchema(action.records).safeParse(body).success).toBe(true);
  });

  it('refuses a missing required value, an unticked consent and values outside the record bounds', () => {
    expect(checkRecord(rec({ name: 'n', type: 'text', required: true }), '  ')).toEqual({ key: 'required' });
    expect(checkRecord(rec({ name: 'n', type: 'text' }), '')).toBeNull();
    expect(checkRecord(rec({ name: 'c', type: 'consent', required: true }), false)).toEqual({ key: 'consent' });
    expect(checkRecord(rec({ name: 'm', type: 'number', min: 1, max: 5 }), 6)).toEqual({ key: 'range', min: 1, max: 5 });
    expect(checkRecord(rec({ name: 'm', type: 'number', min: 1, max: 5 }), 1.5)).toEqual({ key: 'range', min: 1, max: 5 });
    expect(checkRecord(rec({ name: 'm', type: 'number', decimals: 1 }), 1.5)).toBeNull();
    expect(checkRecord(rec({ name: 'p', type: 'photo', min: 2 }), ['0d7f6c1e-1f7a-4f52-9b1a-2f1d7a2c9e11'])).toEqual({ key: 'count', min: 2, max: undefined });
    expect(checkRecord(rec({ name: 't', type: 'text', maxLength: 3 }), '四个字啊')).toEqual({ key: 'length', min: undefined, max: 3 });
    expect(checkRecord(rec({ name: 'f', type: 'money', max: 10_000 }), 100.01)).toEqual({ key: 'range', min: undefined, max: 100 });
    const list = rec({
      name: 'check',
      type: 'checklist',
      required: true,
      items: [
        { key: 'a', text: label('a'), answer: 'pass_fail', points: 0, weight: 1, critical: false, photoOnFail: false },
        { key: 'b', text: label('b'), answer: 'score', points: 5, weight: 1, critical: false, photoOnFail: false },
      ],
    });
    expect(checkRecord(list, { a: { result: 'pass' } })).toEqual({ key: 'checklistIncomplete' });
    expect(checkRecord(list, { a: { result: 'pass' }, b: { result: 4 } })).toBeNull();
  });

  it('uploads a drawn signature when sending and puts its id in the body', async () => {
    const pending: PendingSignature = { kind: 'pending-signature', toPng: () => Promise.resolve(new Blob(['png'])) };
    expect(checkRecord(confirm.records[1]!, pending)).toBeNull();
    expect(checkRecord(confirm.records[1]!, undefined)).toEqual({ key: 'required' });
    const body = stepBody(confirm, { approved: true, owner: pending });
    expect(await resolveSignatures(body, () => Promise.resolve('5b0f1c3e-8d2a-4c1b-9f6e-7a1d2c3b4e5f'))).toEqual({ approved: true, owner: '5b0f1c3e-8d2a-4c1b-9f6e-7a1d2c3b4e5f' });
  });
});
