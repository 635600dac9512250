import { describe, expect, it } from 'vitest';
import type { PortalMe } from '../../common/portal';
import { allows, PORTAL_PAGES, quickActionsFor } from './registry';

const unit = (state: 'approved' | 'pending' | 'rejected') => ({
  requestId: null,
  unitId: '00000000-0000-4000-8000-000000000001',
  communityId: '00000000-0000-4000-8000-000000000002',
  communityName: '翠湖花园',
  hotline: '0571-88886666',
  label: '3栋 1202',
  relation: 'owner' as const,
  state,
  reason: null,
  at: '2026-11-22T00:00:00.000Z',
});
const me = (registered: boolean, units: ReturnType<typeof unit>[], consented = true): PortalMe => ({
  user: { id: '00000000-0000-4000-8000-000000000003', displayName: '林晓梅', locale: 'zh-CN' },
  registered,
  resident: registered ? { id: '00000000-0000-4000-8000-000000000004', name: '林晓梅', phoneMasked: '139****1202' } : null,
  hasPassword: false,
  privacy: { version: '2026-12-01', acceptedVersion: consented ? '2026-12-01' : null, acceptedAt: consented ? '2026-12-01T00:00:00.000Z' : null, required: !consented },
  units,
  csrfToken: 'x',
});

describe('the portal page registry', () => {
  it('offers unit-bound services only once a home is approved', () => {
    const labels = (m: PortalMe) => quickActionsFor(m).map((a) => a.labelKey);
    expect(labels(me(true, [unit('approved')]))).toEqual(['quick.repair', 'quick.bills', 'quick.complaint', 'quick.visitors', 'quick.goods', 'quick.disclosure', 'quick.quality', 'quick.requests', 'quick.settings']);
    expect(labels(me(true, [unit('pending'), unit('rejected')]))).toEqual(['quick.requests', 'quick.settings']);
    expect(labels(me(false, []))).toEqual(['quick.settings']);
  });

  it('guards every page by its access level', () => {
    const byPath = new Map(PORTAL_PAGES.map((p) => [p.path, p.access]));
    expect(byPath.get('/sign-in')).toBe('public');
    expect(byPath.get('/new/:kind')).toBe('approved');
    // A visitor opens the shared pass without an account; the owner's own pass pages need a home.
    expect(byPath.get('/pass/:token')).toBe('public');
    expect(byPath.get('/passes/:id')).toBe('approved');
    expect(byPath.get('/slips/new')).toBe('approved');
    expect(allows('approved', me(true, [unit('pending')]))).toBe(false);
    expect(allows('registered', me(false, []))).toBe(false);
    expect(allows('signedIn', null)).toBe(false);
    expect(new Set(PORTAL_PAGES.map((p) => p.path)).size).toBe(PORTAL_PAGES.length);
  });

  it('opens nothing but the privacy notice until the person accepts it', () => {
    const waiting = me(true, [unit('approved')], false);
    expect(PORTAL_PAGES.find((p) => p.path === '/privacy')?.access).toBe('public');
    for (const access of ['signedIn', 'registered', 'approved'] as const) expect(allows(access, waiting), access).toBe(false);
    expect(allows('public', waiting)).toBe(true);
    expect(quickActionsFor(waiting)).toEqual([]);
  });
});
