import { describe, expect, it } from 'vitest';
import { MESSAGES } from './i18n/messages-all';
import { NAV_ENTRIES, canOpen, entryForPath, navEntriesFor } from './nav-registry';

describe('nav registry', () => {
  it('shows the workspace to everyone and the audit log only to company and platform admins', () => {
    const paths = (roles: Parameters<typeof navEntriesFor>[0]) => navEntriesFor(roles).map((e) => e.path);
    for (const roles of [['service_desk'], ['resident'], ['company_admin']] as const) expect(paths([...roles])[0]).toBe('/');
    expect(paths(['service_desk'])).not.toContain('/audit');
    expect(paths(['resident'])).toEqual(['/']);
    expect(paths(['company_admin'])).toContain('/audit');
    expect(paths(['technician', 'platform_admin'])).toContain('/audit');
  });

  it('matches a location to its entry: / only itself, others with everything below', () => {
    expect(entryForPath('/')?.path).toBe('/');
    expect(entryForPath('/audit')?.path).toBe('/audit');
    expect(entryForPath('/audit/123')?.path).toBe('/audit');
    expect(entryForPath('/auditx')).toBeUndefined();
    expect(entryForPath('/no-such-page')).toBeUndefined();
  });

  it('has unique absolute paths and labels in both languages', () => {
    const paths = NAV_ENTRIES.map((e) => e.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const entry of NAV_ENTRIES) {
      expect(entry.path.startsWith('/')).toBe(true);
      expect(MESSAGES['zh-CN'][entry.labelKey]).toBeTruthy();
      expect(MESSAGES['en-US'][entry.labelKey]).toBeTruthy();
      expect(canOpen(entry, ['resident']) && entry.path !== '/').toBe(false);
    }
  });
});
