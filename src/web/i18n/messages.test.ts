import { describe, expect, it } from 'vitest';
import { ROLES } from '../../common/roles';
import { MESSAGES, ROLE_LABELS, formatMessage, translate } from './messages';

describe('messages', () => {
  it('fills placeholders and leaves unknown ones as written', () => {
    expect(formatMessage('{name}，您好', { name: '陈静' })).toBe('陈静，您好');
    expect(formatMessage('共 {total} 条 {missing}', { total: 3 })).toBe('共 3 条 {missing}');
    expect(translate('en-US', 'audit.total', { total: 12 })).toBe('12 records');
  });

  it('has every text and every role name in both languages, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(MESSAGES['zh-CN']) as (keyof (typeof MESSAGES)['zh-CN'])[]) {
      expect(MESSAGES['en-US'][key], key).toBeTruthy();
      expect(placeholders(MESSAGES['en-US'][key]), key).toEqual(placeholders(MESSAGES['zh-CN'][key]));
    }
    for (const role of ROLES) {
      expect(ROLE_LABELS['zh-CN'][role]).toMatch(/[\u4e00-\u9fff]/);
      expect(ROLE_LABELS['en-US'][role]).toMatch(/^[A-Z]/);
    }
  });
});
