import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from './client';

/** One recorded change. `summary` holds the changed fields before and after the write. */
export interface AuditEntry {
  id: string;
  at: string;
  /** The acting person; null, or `id` null, for the system itself (demo seed, CLI). */
  actor: { id: string | null; displayName: string } | null;
  entityType: string;
  entityId: string | null;
  action: string;
  summary: { before?: Record<string, unknown>; after?: Record<string, unknown> };
}

export interface AuditPage {
  items: AuditEntry[];
  total: number;
  page: number;
  pageSize: number;
}

/** Filters and paging of `GET /api/v1/audit`; `from` (inclusive) and `to` (exclusive) are ISO 8601 instants. */
export interface AuditQuery {
  page: number;
  pageSize: number;
  entityType?: string;
  action?: string;
  actorId?: string;
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
