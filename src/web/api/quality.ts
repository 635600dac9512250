import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { inspectionSummarySchema, rectificationSummarySchema, templateSummarySchema, InspectionDetail, RectificationDetail } from '../../common/quality/api';
import type { DrillPage, QualityReport } from '../../common/quality/reports';
import type { QualitySettings } from '../../common/quality/owner-view';
import { apiRequest } from './client';

export type { DrillPage, InspectionDetail, QualityReport, RectificationDetail };
export type InspectionSummary = z.infer<typeof inspectionSummarySchema>;
export type RectificationSummary = z.infer<typeof rectificationSummarySchema>;
export type TemplateSummary = z.infer<typeof templateSummarySchema>;

const key = ['quality'] as const;
interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Inspections of a community starting between two local dates (the inspector's day). */
export function useInspections(query: { communityId?: string; from?: string; to?: string; page?: number; pageSize?: number }, enabled = true) {
  return useQuery({
    queryKey: [...key, 'inspections', query],
    queryFn: ({ signal }) => apiRequest<Page<InspectionSummary>>('/api/v1/quality/inspections', { query: { page: 1, pageSize: 100, ...query }, signal }),
    enabled,
    refetchInterval: 60_000,
  });
}

export function useInspection(id: string | undefined) {
  return useQuery({
    queryKey: [...key, 'inspection', id],
    queryFn: ({ signal }) => apiRequest<InspectionDetail>(`/api/v1/quality/inspections/${encodeURIComponent(id!)}`, { signal }),
    enabled: Boolean(id),
  });
}

export function useTemplates(communityId: string | undefined) {
  return useQuery({
    queryKey: [...key, 'templates', communityId],
    queryFn: ({ signal }) => apiRequest<{ items: TemplateSummary[] }>('/api/v1/quality/templates', { query: { communityId }, signal }),
    enabled: Boolean(communityId),
  });
}

/** Opens a spot check; the caller goes on to inspect it. */
export function useOpenSpotCheck() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { communityId: string; templateKey: string; place: string }) => apiRequest<InspectionDetail>('/api/v1/quality/inspections', { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: key }),
  });
}

/** Takes a step of an inspection; the same Idempotency-Key on a resend makes the server answer the first response. */
export function inspectionStep(id: string, action: string, body: Record<string, unknown>, idempotencyKey: string): Promise<InspectionDetail> {
  return apiRequest<InspectionDetail>(`/api/v1/quality/inspections/${encodeURIComponent(id)}/actions/${encodeURIComponent(action)}`, { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function useRectifications(query: { mine?: boolean; open?: boolean; communityId?: string }) {
  return useQuery({
    queryKey: [...key, 'rectifications', query],
    queryFn: ({ signal }) =>
      apiRequest<Page<RectificationSummary>>('/api/v1/quality/rectifications', {
        query: { mine: query.mine === undefined ? undefined : String(query.mine), open: query.open === undefined ? undefined : String(query.open), communityId: query.communityId, page: 1, pageSize: 100 },
        signal,
      }),
    refetchInterval: 60_000,
  });
}

export function useRectification(id: string | undefined) {
  return useQuery({
    queryKey: [...key, 'rectification', id],
    queryFn: ({ signal }) => apiRequest<RectificationDetail>(`/api/v1/quality/rectifications/${encodeURIComponent(id!)}`, { signal }),
    enabled: Boolean(id),
  });
}

export function useRectificationStep(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: string; body: Record<string, unknown> }) =>
      apiRequest<RectificationDetail>(`/api/v1/quality/rectifications/${encodeURIComponent(id)}/actions/${encodeURIComponent(action)}`, { method: 'POST', body, headers: { 'Idempotency-Key': crypto.randomUUID() } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: key }),
  });
}

export interface ReportFilter {
  communityId?: string;
  from: string;
  to: string;
  period: 'week' | 'month';
}

export function useQualityReport(filter: ReportFilter) {
  return useQuery({
    queryKey: [...key, 'report', filter],
    queryFn: ({ signal }) => apiRequest<QualityReport>('/api/v1/quality/report', { query: { ...filter }, signal }),
  });
}

export type DrillFilter = Omit<ReportFilter, 'period'> & { period?: string; periodType?: 'week' | 'month'; place?: string; staffId?: string; category?: string; failedItem?: string; missed?: 'true' };

export function useDrill(filter: DrillFilter | null, page: number) {
  return useQuery({
    queryKey: [...key, 'drill', filter, page],
    queryFn: ({ signal }) => apiRequest<DrillPage>('/api/v1/quality/report/inspections', { query: { ...filter, page, pageSize: 20 }, signal }),
    enabled: filter !== null,
  });
}

/** Whether a community publishes its quality to owners (staff read it; `allowedActions` says who may change it). */
export function useQualitySettings(communityId: string | undefined) {
  return useQuery({
    queryKey: [...key, 'settings', communityId],
    queryFn: ({ signal }) => apiRequest<QualitySettings>(`/api/v1/communities/${encodeURIComponent(communityId!)}/quality-settings`, { signal }),
    enabled: Boolean(communityId),
  });
}

export function useSaveQualitySettings(communityId: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (publishToOwners: boolean) => apiRequest<QualitySettings>(`/api/v1/communities/${encodeURIComponent(communityId!)}/quality-settings`, { method: 'PUT', body: { publishToOwners } }),
    onSuccess: (data) => client.setQueryData([...key, 'settings', communityId], data),
  });
}
