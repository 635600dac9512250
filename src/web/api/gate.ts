import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Decoration, decorationCreateSchema, workerCreateSchema } from '../../common/gate';
import type { GatePass, GoodsSlip, PassCreateInput, SlipCreateInput, lookupResultSchema, passListQuerySchema, slipListQuerySchema } from '../../common/gate';
import { apiRequest } from './client';

export type { Decoration, GatePass, GoodsSlip };
export type LookupResult = z.infer<typeof lookupResultSchema>;
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export interface PostBoard {
  expected: GatePass[];
  inside: GatePass[];
  slips: GoodsSlip[];
}
export type PassQuery = Partial<z.input<typeof passListQuerySchema>> & { page: number; pageSize: number };
export type SlipQuery = Partial<z.input<typeof slipListQuerySchema>> & { page: number; pageSize: number };

const gateKey = ['gate'] as const;

/** The post board of the guard's communities (or one), refreshed every 30 seconds. */
export function usePostBoard(communityId: string | undefined) {
  return useQuery({
    queryKey: [...gateKey, 'board', communityId ?? null],
    queryFn: ({ signal }) => apiRequest<PostBoard>('/api/v1/gate/board', { query: { communityId }, signal }),
    refetchInterval: 30_000,
  });
}

/**
 * Looks up what the guard scanned or typed (a POST, so tokens stay out of URLs); a query, so the
 * results refresh after an entry, exit or release.
 */
export function useLookup(q: string, communityId?: string) {
  return useQuery({
    queryKey: [...gateKey, 'lookup', q, communityId ?? null],
    queryFn: () => apiRequest<LookupResult>('/api/v1/gate/lookup', { method: 'POST', body: { q, ...(communityId ? { communityId } : {}) } }),
    enabled: q.length >= 2,
    retry: false,
  });
}

export function usePasses(query: PassQuery) {
  return useQuery({
    queryKey: [...gateKey, 'passes', query],
    queryFn: ({ signal }) => apiRequest<Page<GatePass>>('/api/v1/gate/passes', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useSlips(query: SlipQuery) {
  return useQuery({
    queryKey: [...gateKey, 'slips', query],
    queryFn: ({ signal }) => apiRequest<Page<GoodsSlip>>('/api/v1/gate/slips', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function usePass(id: string | undefined) {
  return useQuery({ queryKey: [...gateKey, 'pass', id], queryFn: ({ signal }) => apiRequest<GatePass>(`/api/v1/gate/passes/${id}`, { signal }), enabled: !!id });
}

export function useSlip(id: string | undefined) {
  return useQuery({ queryKey: [...gateKey, 'slip', id], queryFn: ({ signal }) => apiRequest<GoodsSlip>(`/api/v1/gate/slips/${id}`, { signal }), enabled: !!id });
}

/** Every gate mutation refreshes the board, the logs and the item itself. */
function useGateMutation<V, R>(fn: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: gateKey }) });
}

export function useCreatePass() {
  return useGateMutation((body: PassCreateInput) => apiRequest<GatePass>('/api/v1/gate/passes', { method: 'POST', body }));
}

export function usePassAction() {
  return useGateMutation(({ id, action, body }: { id: string; action: 'enter' | 'exit' | 'cancel'; body?: { reason?: string } }) =>
    apiRequest<GatePass>(`/api/v1/gate/passes/${id}/actions/${action}`, { method: 'POST', body: body ?? {} }),
  );
}

export function useCreateSlip() {
  return useGateMutation((body: SlipCreateInput) => apiRequest<GoodsSlip>('/api/v1/gate/slips', { method: 'POST', body }));
}

export function useSlipAction() {
  return useGateMutation(({ id, action, body }: { id: string; action: 'release' | 'cancel'; body: { goodsChecked?: boolean; signatureId?: string; reason?: string } }) =>
    apiRequest<GoodsSlip>(`/api/v1/gate/slips/${id}/actions/${action}`, { method: 'POST', body }),
  );
}

/** Address of a pass's or slip's QR image (the session cookie authorizes it). */
export function qrUrl(kind: 'passes' | 'slips', id: string): string {
  return `/api/v1/gate/${kind}/${encodeURIComponent(id)}/qr`;
}

/** Decoration registrations, current ones first. */
export function useDecorations(query: { page: number; pageSize: number; current?: 'true' | 'false' }) {
  return useQuery({
    queryKey: [...gateKey, 'decorations', query],
    queryFn: ({ signal }) => apiRequest<Page<Decoration>>('/api/v1/gate/decorations', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateDecoration() {
  return useGateMutation((body: z.input<typeof decorationCreateSchema>) => apiRequest<Decoration>('/api/v1/gate/decorations', { method: 'POST', body }));
}

export function useAddWorker() {
  return useGateMutation(({ id, body }: { id: string; body: z.input<typeof workerCreateSchema> }) =>
    apiRequest<GatePass>(`/api/v1/gate/decorations/${id}/workers`, { method: 'POST', body }),
  );
}
