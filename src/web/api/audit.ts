import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditActors, AuditEntry, AuditPage } from '../../common/audit';
import { apiRequest } from './client';

export type { AuditEntry, AuditPage };

/** Filters and paging of `GET /api/v1/audit`; `from` (inclusive) and `to` (exclusive) are ISO 8601 instants. */
export interface AuditQuery {
  page: number;
  pageSize: number;
  entityType?: string;
  entityId?: string;
  action?: string;
  actorId?: string;
  communityId?: string;
  from?: string;
  to?: string;
}

/** Reads one page of the audit log (company and platform admins only). */
export function fetchAuditLog(query: AuditQuery, signal?: AbortSignal): Promise<AuditPage> {
  return apiRequest<AuditPage>('/api/v1/audit', { query: { ...query }, signal });
}

/** One page of the audit log; keeps the previous page on screen while the next one loads. */
export function useAuditLog(query: AuditQuery) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: ({ signal }) => fetchAuditLog(query, signal),
    placeholderData: keepPreviousData,
  });
}

/** The people who appear in the audit log, for the person filter. */
export function useAuditActors() {
  return useQuery({
    queryKey: ['audit', 'actors'],
    queryFn: ({ signal }) => apiRequest<AuditActors>('/api/v1/audit/actors', { signal }),
    staleTime: 60_000,
  });
}
