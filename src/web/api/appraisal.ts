import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AppraisalEvidence,
  appraisalMonthSchema,
  IncentiveDetail,
  incentivePageSchema,
  MeasureDetail,
  measurePageSchema,
  weightsSchema,
} from '../../common/appraisal/api';
import { apiRequest, type QueryValue } from './client';

export type AppraisalMonth = z.infer<typeof appraisalMonthSchema>;
export type { AppraisalEvidence, IncentiveDetail, MeasureDetail };

const key = ['appraisal'] as const;

export function useAppraisalMonth(communityId: string | undefined, month: string) {
  return useQuery({
    queryKey: [...key, 'month', communityId, month],
    enabled: !!communityId,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => apiRequest<AppraisalMonth>('/api/v1/appraisal/months', { query: { communityId, month }, signal }),
  });
}

export function useAppraisalEvidence(communityId: string | undefined, month: string, staffId: string | null) {
  return useQuery({
    queryKey: [...key, 'evidence', communityId, month, staffId],
    enabled: !!communityId && !!staffId,
    queryFn: ({ signal }) => apiRequest<AppraisalEvidence>(`/api/v1/appraisal/months/staff/${encodeURIComponent(staffId!)}`, { query: { communityId, month }, signal }),
  });
}

export function useMyAppraisal(month: string) {
  return useQuery({ queryKey: [...key, 'me', month], queryFn: ({ signal }) => apiRequest<AppraisalEvidence>('/api/v1/appraisal/me', { query: { month }, signal }) });
}

export function useWeights() {
  return useQuery({ queryKey: [...key, 'weights'], queryFn: ({ signal }) => apiRequest<{ items: z.infer<typeof weightsSchema>[]; canEdit: boolean }>('/api/v1/appraisal/weights', { signal }) });
}

export function useIncentives(query: Record<string, QueryValue>) {
  return useQuery({ queryKey: [...key, 'incentives', query], queryFn: ({ signal }) => apiRequest<z.infer<typeof incentivePageSchema>>('/api/v1/appraisal/incentives', { query, signal }) });
}

export function useIncentive(id: string | null) {
  return useQuery({ queryKey: [...key, 'incentive', id], enabled: !!id, queryFn: ({ signal }) => apiRequest<IncentiveDetail>(`/api/v1/appraisal/incentives/${encodeURIComponent(id!)}`, { signal }) });
}

export function useMeasures(query: Record<string, QueryValue>) {
  return useQuery({ queryKey: [...key, 'measures', query], queryFn: ({ signal }) => apiRequest<z.infer<typeof measurePageSchema>>('/api/v1/appraisal/measures', { query, signal }) });
}

export function useMeasure(id: string | null) {
  return useQuery({ queryKey: [...key, 'measure', id], enabled: !!id, queryFn: ({ signal }) => apiRequest<MeasureDetail>(`/api/v1/appraisal/measures/${encodeURIComponent(id!)}`, { signal }) });
}

/** Writes of the appraisal pages; each refreshes every appraisal query. */
export function useAppraisalActions() {
  const client = useQueryClient();
  const onSuccess = () => void client.invalidateQueries({ queryKey: key });
  const idem = () => ({ 'Idempotency-Key': crypto.randomUUID() });
  return {
    propose: useMutation({ mutationFn: (body: Record<string, unknown>) => apiRequest<IncentiveDetail>('/api/v1/appraisal/incentives', { method: 'POST', body, headers: idem() }), onSuccess }),
    incentiveStep: useMutation({
      mutationFn: ({ id, action, body }: { id: string; action: string; body: Record<string, unknown> }) =>
        apiRequest<IncentiveDetail>(`/api/v1/appraisal/incentives/${encodeURIComponent(id)}/actions/${encodeURIComponent(action)}`, { method: 'POST', body, headers: idem() }),
      onSuccess,
    }),
    raise: useMutation({ mutationFn: (body: Record<string, unknown>) => apiRequest<MeasureDetail>('/api/v1/appraisal/measures', { method: 'POST', body, headers: idem() }), onSuccess }),
    measureStep: useMutation({
      mutationFn: ({ id, action, body }: { id: string; action: string; body: Record<string, unknown> }) =>
        apiRequest<MeasureDetail>(`/api/v1/appraisal/measures/${encodeURIComponent(id)}/actions/${encodeURIComponent(action)}`, { method: 'POST', body, headers: idem() }),
      onSuccess,
    }),
    setWeights: useMutation({ mutationFn: ({ position, body }: { position: string; body: Record<string, unknown> }) => apiRequest(`/api/v1/appraisal/weights/${position}`, { method: 'PUT', body }), onSuccess }),
  };
}
