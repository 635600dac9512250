import { describe, expect, it } from 'vitest';
import type { RecordRequirement } from '../../api/standards';
import { recordOf, rowOf } from './record-rows';

const label = (zh: string, en = zh) => ({ 'zh-CN': zh, 'en-US': en });

describe('step-records editor rows', () => {
  it('makes a typed record of a new row, with the bounds of its type only and money in fen', () => {
    expect(recordOf({ name: ' water_meter ', type: 'number', labelZh: '水表读数', labelEn: '', required: true, min: 0, max: 99999, unitZh: '吨', minLength: 3 }, undefined)).toEqual({
      name: 'water_meter',
      type: 'number',
      label: label('水表读数'),
      required: true,
      min: 0,
      max: 99999,
      unit: label('吨'),
    });
    expect(recordOf({ name: 'fee', type: 'money', labelZh: '上门费', required: false, min: 10, max: 200.5 }, undefined)).toMatchObject({ min: 1000, max: 20050, required: false });
    expect(recordOf({ name: 'level', type: 'choice', labelZh: '等级', options: [{ key: 'a', zh: '甲' }, { key: ' ' }] }, undefined).options).toEqual([{ key: 'a', label: label('甲') }]);
  });

  it('keeps what the editor does not show and drops the old bounds when the type changes', () => {
    const stored: RecordRequirement = {
      name: 'technician',
      type: 'staff',
      label: label('维修人员', 'Technician'),
      hint: label('须具备技能'),
      required: true,
      requiredFor: ['dispatcher'],
      positions: ['technician'],
      skill: 'category',
      assigns: true,
    };
    const row = rowOf(stored, 0);
    expect(recordOf(row, stored)).toEqual(stored);
    expect(recordOf({ ...row, labelZh: '师傅' }, stored)).toEqual({ ...stored, label: label('师傅', 'Technician') });
    const retyped = recordOf({ ...row, type: 'text', maxLength: 20 }, stored);
    expect(retyped).toEqual({ name: 'technician', type: 'text', label: stored.label, hint: stored.hint, required: true, requiredFor: ['dispatcher'], maxLength: 20 });
  });

  it('marks a record staff-only and takes the mark off again, whatever its type', () => {
    const stored: RecordRequirement = { name: 'finding', type: 'text', label: label('了解到的问题'), required: true, multiline: true, internal: true };
    const row = rowOf(stored, 0);
    expect(row.internal).toBe(true);
    expect(recordOf(row, stored)).toEqual(stored);
    expect(recordOf({ ...row, internal: false }, stored)).toEqual({ name: 'finding', type: 'text', label: label('了解到的问题'), required: true, multiline: true });
    expect(recordOf({ ...row, type: 'choice', internal: true, options: [{ key: 'a', zh: '甲' }] }, stored)).toMatchObject({ type: 'choice', internal: true });
  });

  it('shows money bounds in yuan', () => {
    expect(rowOf({ name: 'fee', type: 'money', label: label('费'), required: true, min: 1000, max: 20050 }, 2)).toMatchObject({ original: 2, min: 10, max: 200.5 });
  });
});
