import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BillRun, BillRunBatch, BillRunBatchInput, BillRunInput, FeeAccount, FeeItem, FeePayment, PaymentInput } from '../../common/fees';
import { apiRequest } from './client';

export type { BillRun, BillRunBatch, FeeAccount, FeeItem, FeePayment };

const root = ['fees'] as const;

export function useFeeItems(communityId: string | undefined) {
  return useQuery({
    queryKey: [...root, 'items', communityId],
    queryFn: ({ signal }) => apiRequest<{ items: FeeItem[]; closedThrough: string | null; allowedActions: string[] }>('/api/v1/fee-items', { query: { communityId }, signal }),
    enabled: !!communityId,
  });
}

/** A unit's account (opened on first use by the server). */
export function useUnitAccount(unitId: string | undefined) {
  return useQuery({
    queryKey: [...root, 'unit-account', unitId],
    queryFn: ({ signal }) => apiRequest<FeeAccount>(`/api/v1/units/${encodeURIComponent(unitId!)}/fee-account`, { signal }),
    enabled: !!unitId,
  });
}

export function useAccountPayments(accountId: string | undefined) {
  return useQuery({
    queryKey: [...root, 'payments', accountId],
    queryFn: ({ signal }) => apiRequest<{ items: FeePayment[]; total: number }>('/api/v1/fee-payments', { query: { accountId, pageSize: 50 }, signal }),
    enabled: !!accountId,
    placeholderData: keepPreviousData,
  });
}

export function usePayment(id: string | undefined) {
  return useQuery({
    queryKey: [...root, 'payment', id],
    queryFn: ({ signal }) => apiRequest<FeePayment>(`/api/v1/fee-payments/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
  });
}

export function useBillRuns(communityId: string | undefined) {
  return useQuery({
    queryKey: [...root, 'runs', communityId],
    queryFn: ({ signal }) => apiRequest<{ items: BillRun[] }>('/api/v1/fee-bill-runs', { query: { communityId }, signal }),
    enabled: !!communityId,
  });
}

/** Writes of the desk and the manager; every one refreshes what the fees pages show. */
export function useFeeActions() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: root });
  return {
    pay: useMutation({
      mutationFn: ({ input, key }: { input: PaymentInput; key: string }) => apiRequest<FeePayment>('/api/v1/fee-payments', { method: 'POST', body: input, headers: { 'Idempotency-Key': key } }),
      onSuccess: refresh,
    }),
    voidPayment: useMutation({
      mutationFn: ({ id, reason }: { id: string; reason: string }) => apiRequest<FeePayment>(`/api/v1/fee-payments/${encodeURIComponent(id)}/void`, { method: 'POST', body: { reason } }),
      onSuccess: refresh,
    }),
    print: useMutation({
      mutationFn: (id: string) => apiRequest<FeePayment>(`/api/v1/fee-payments/${encodeURIComponent(id)}/print`, { method: 'POST', body: {} }),
      onSuccess: refresh,
    }),
    run: useMutation({
      mutationFn: (input: BillRunInput) => apiRequest<BillRun>('/api/v1/fee-bill-runs', { method: 'POST', body: input }),
      onSuccess: refresh,
    }),
    runBatch: useMutation({
      mutationFn: (input: BillRunBatchInput) => apiRequest<BillRunBatch>('/api/v1/fee-bill-runs/batch', { method: 'POST', body: input }),
      onSuccess: refresh,
    }),
  };
}
