import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Meter, MeterReading, ReadingInput, ShiftClose, ShiftCloseInput, ShiftDrawer } from '../../common/fee-ops';
import type { PaymentMethod } from '../../common/fees';
import { apiRequest } from './client';

export type { Meter, MeterReading, ShiftClose, ShiftDrawer };

const root = ['fees'] as const;

/** Active meters of a community in walking order (building, floor, unit). */
export function useMeters(communityId: string, query: { q?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...root, 'meters', communityId, query],
    queryFn: ({ signal }) => apiRequest<{ items: Meter[]; total: number }>('/api/v1/fee-meters', { query: { communityId, ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useReadings(communityId: string, query: { status?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...root, 'readings', communityId, query],
    queryFn: ({ signal }) => apiRequest<{ items: MeterReading[]; total: number }>('/api/v1/fee-meter-readings', { query: { communityId, ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useDrawer(communityId: string) {
  return useQuery({
    queryKey: [...root, 'drawer', communityId],
    queryFn: ({ signal }) => apiRequest<ShiftDrawer>('/api/v1/fee-shift-closes/drawer', { query: { communityId }, signal }),
  });
}

export interface CloseDay {
  closedOn: string;
  closes: number;
  expectedFen: number;
  countedFen: number;
  byMethod: { method: PaymentMethod; expectedFen: number; countedFen: number }[];
}

/** Closes of a community, newest first, with the daily totals; `from`/`to` are community dates. */
export function useShiftCloses(communityId: string, page: number, range: { from?: string; to?: string } = {}) {
  return useQuery({
    queryKey: [...root, 'closes', communityId, page, range],
    queryFn: ({ signal }) => apiRequest<{ items: ShiftClose[]; total: number; days: CloseDay[] }>('/api/v1/fee-shift-closes', { query: { communityId, page, pageSize: 20, ...range }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Readings, reviews and drawer closes; each refreshes what the fees pages show. */
export function useFeeOpsActions() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: root });
  return {
    read: useMutation({ mutationFn: (input: ReadingInput) => apiRequest<MeterReading>('/api/v1/fee-meter-readings', { method: 'POST', body: input }), onSuccess: refresh }),
    review: useMutation({
      mutationFn: ({ id, decision, note }: { id: string; decision: 'accept' | 'reject'; note?: string }) => apiRequest<MeterReading>(`/api/v1/fee-meter-readings/${encodeURIComponent(id)}/review`, { method: 'POST', body: { decision, note } }),
      onSuccess: refresh,
    }),
    close: useMutation({ mutationFn: (input: ShiftCloseInput) => apiRequest<ShiftClose>('/api/v1/fee-shift-closes', { method: 'POST', body: input }), onSuccess: refresh }),
  };
}
