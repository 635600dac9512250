import { describe, expect, it } from 'vitest';
import { PgDialect } from 'drizzle-orm/pg-core';
import { communities, units } from '../modules/registry/tables';
import { servesCommunity, tenantScope, type Actor } from './scope';

const dialect = new PgDialect();
const render = (actor: Actor, cols: Parameters<typeof tenantScope>[1]) => {
  const q = dialect.sqlToQuery(tenantScope(actor, cols));
  return { sql: q.sql, params: q.params };
};
const base: Actor = {
  userId: 'u',
  displayName: 'x',
  organizationId: 'org-1',
  roles: ['service_desk'],
  staffId: 's',
  residentId: null,
  communityIds: ['c-1'],
  unitIds: [],
};
const unitCols = { organizationId: units.organizationId, communityId: units.communityId, unitId: units.id };

describe('tenantScope', () => {
  it('limits staff to their organization and served communities', () => {
    const q = render(base, unitCols);
    expect(q.sql).toContain('"organization_id" = $1');
    expect(q.sql).toContain('"community_id" in ($2)');
    expect(q.params).toEqual(['org-1', 'c-1']);
  });

  it('gives company admins their whole organization', () => {
    const q = render({ ...base, roles: ['company_admin'], communityIds: 'all' }, unitCols);
    expect(q.params).toEqual(['org-1']);
  });

  it('limits residents to their own units', () => {
    const q = render({ ...base, roles: ['resident'], staffId: null, residentId: 'r', unitIds: ['u-9'], communityIds: ['c-1'] }, unitCols);
    expect(q.sql).toContain('"id" in ($2)');
    expect(q.params).toEqual(['org-1', 'u-9']);
  });

  it('gives nothing to an actor without organization, communities or units', () => {
    expect(render({ ...base, organizationId: null }, unitCols).sql).toBe('false');
    expect(render({ ...base, communityIds: [] }, unitCols).sql).toContain('false');
    expect(render({ ...base, roles: ['resident'], staffId: null, unitIds: [] }, unitCols).sql).toContain('false');
    // A resident has no access to tables that cannot be tied to their household.
    expect(render({ ...base, roles: ['resident'], staffId: null }, { organizationId: communities.organizationId }).sql).toBe('false');
  });

  it('answers community membership for writes', () => {
    expect(servesCommunity(base, 'org-1', 'c-1')).toBe(true);
    expect(servesCommunity(base, 'org-1', 'c-2')).toBe(false);
    expect(servesCommunity(base, 'org-2', 'c-1')).toBe(false);
  });
});
