import { describe, expect, it, vi } from 'vitest';
import { ROLES } from '../../common/roles';
import { ROLE_LABELS, formatMessage, loadMessages, messagesFor, translate } from './messages';
import { MESSAGES } from './messages-all';

describe('messages', () => {
  it('fills placeholders and leaves unknown ones as written', async () => {
    expect(formatMessage('{name}，您好', { name: '陈静' })).toBe('陈静，您好');
    expect(formatMessage('共 {total} 条 {missing}', { total: 3 })).toBe('共 3 条 {missing}');
    await loadMessages('en-US');
    expect(translate('en-US', 'audit.total', { total: 12 })).toBe('12 records');
  });

  it('loads English only when asked, and speaks Chinese until then', async () => {
    vi.resetModules();
    const fresh = await import('./messages');
    expect(fresh.translate('en-US', 'audit.total', { total: 12 })).toBe(fresh.translate('zh-CN', 'audit.total', { total: 12 }));
    await fresh.loadMessages('en-US');
    expect(fresh.translate('en-US', 'audit.total', { total: 12 })).toBe('12 records');
    expect(messagesFor('zh-CN')['audit.total']).toMatch(/[\u4e00-\u9fff]/);
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
