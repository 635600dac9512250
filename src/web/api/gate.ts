import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Decoration, decorationCreateSchema, workerCreateSchema } from '../../common/gate';
import type { GatePass, GoodsSlip, PassCreateInput, SlipCreateInput, lookupResultSchema, passListQuerySchema, slipListQuerySchema } from '../../common/gate';
import { ApiError, apiRequest } from './client';

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

/** Every gate mutation refreshes the board, the logs and the item itself; so does a step refused as stale. */
function useGateMutation<V, R>(fn: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: gateKey }),
    onError: (error) => (error instanceof ApiError && error.code === 'STALE' ? client.invalidateQueries({ queryKey: gateKey }) : undefined),
  });
}

export function useCreatePass() {
  return useGateMutation((body: PassCreateInput) => apiRequest<GatePass>('/api/v1/gate/passes', { method: 'POST', body }));
}

export function useCreateSlip() {
  return useGateMutation((body: SlipCreateInput) => apiRequest<GoodsSlip>('/api/v1/gate/slips', { method: 'POST', body }));
}

/** The gate's kinds of work, as their step routes name them. */
export type GateKind = 'passes' | 'slips' | 'decorations';

/**
 * Takes a step of a pass, slip or decoration (`POST /api/v1/gate/{kind}/{id}/actions/{action}`):
 * the body holds the values of the step's records as its `actions` describe them; `If-Match`
 * names the version on screen, so a step on an item someone acted on since is refused (409 STALE)
 * and every gate query reloads.
 */
export function useGateStep<R extends { version: number }>(kind: GateKind) {
  return useGateMutation(({ id, action, body, version }: { id: string; action: string; body: Record<string, unknown>; version?: number }) =>
    apiRequest<R>(`/api/v1/gate/${kind}/${encodeURIComponent(id)}/actions/${encodeURIComponent(action)}`, {
      method: 'POST',
      body,
      headers: version !== undefined ? { 'If-Match': `"${version}"` } : undefined,
    }),
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

/** One decoration registration with its timeline and the steps the caller may take. */
export function useDecoration(id: string | undefined) {
  return useQuery({
    queryKey: [...gateKey, 'decoration', id],
    queryFn: ({ signal }) => apiRequest<Decoration>(`/api/v1/gate/decorations/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
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
