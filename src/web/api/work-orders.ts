import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreateWorkOrderInput,
  WorkOrderAction,
  WorkOrderDetail,
  WorkOrderKind,
  attachmentSchema,
  intakeLookupSchema,
  openAtIntakeSchema,
  priceItemSchema,
  suggestedAssigneeSchema,
  workOrderListQuerySchema,
  workOrderPageSchema,
} from '../../common/work-orders';
import { ApiError, apiRequest } from './client';
import { useStandard, type StandardVersion } from './standards';

export type { WorkOrderDetail, WorkOrderKind, WorkOrderAction };
export type WorkOrderPage = z.infer<typeof workOrderPageSchema>;
export type WorkOrderListItem = WorkOrderPage['items'][number];
export type WorkOrderTimer = WorkOrderDetail['timers'][number];
export type IntakeLookup = z.infer<typeof intakeLookupSchema>;
export type IntakeUnit = IntakeLookup['units'][number];
export type OpenAtIntake = z.infer<typeof openAtIntakeSchema>['items'][number];
export type SuggestedAssignee = z.infer<typeof suggestedAssigneeSchema>;
export type PriceItem = z.infer<typeof priceItemSchema>;
export type Attachment = z.infer<typeof attachmentSchema>;
/** Filters and paging of `GET /api/v1/work-orders` (everything optional except paging). */
export type WorkOrderQuery = Partial<z.input<typeof workOrderListQuerySchema>> & { page: number; pageSize: number };

const workOrdersKey = ['work-orders'] as const;

/** One page of work orders; the previous page stays on screen while the next one loads. */
export function useWorkOrders(query: WorkOrderQuery, options: { refetchInterval?: number; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...workOrdersKey, 'list', query],
    queryFn: ({ signal }) => apiRequest<WorkOrderPage>('/api/v1/work-orders', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: options.refetchInterval,
    enabled: options.enabled ?? true,
  });
}

/** A work order with its timeline, timers and the actions the caller may take. */
export function useWorkOrder(id: string | undefined) {
  return useQuery({
    queryKey: [...workOrdersKey, 'detail', id],
    queryFn: ({ signal }) => apiRequest<WorkOrderDetail>(`/api/v1/work-orders/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
  });
}

/** Units and residents matching a unit number ("1202", "3栋1202") or a phone (full or last 4). */
export function useIntakeLookup(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: [...workOrdersKey, 'intake-lookup', term],
    queryFn: ({ signal }) => apiRequest<IntakeLookup>('/api/v1/work-orders/intake-lookup', { query: { q: term }, signal }),
    enabled: term.length >= 3,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** Open orders of the unit and reporter the desk is taking a call for (nothing asked: nothing fetched). */
export function useOpenAtIntake(at: { unitId?: string; residentId?: string; phone?: string }) {
  return useQuery({
    queryKey: [...workOrdersKey, 'open-at-intake', at],
    queryFn: ({ signal }) => apiRequest<{ items: OpenAtIntake[] }>('/api/v1/work-orders/open-at-intake', { query: { ...at }, signal }),
    enabled: Boolean(at.unitId || at.residentId || at.phone),
    staleTime: 10_000,
  });
}

/** Records a call on an order that is already open (an internal note on its timeline), instead of a duplicate. */
export function useAddCallToOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: string }) =>
      apiRequest<WorkOrderDetail>(`/api/v1/work-orders/${encodeURIComponent(id)}/comments`, { method: 'POST', body: { body, visibility: 'internal' } }),
    onSuccess: (order) => queryClient.setQueryData([...workOrdersKey, 'detail', order.id], order),
  });
}

/** Technicians suggested for dispatch, best first, with the reasons. */
export function useSuggestedAssignees(id: string, enabled = true) {
  return useQuery({
    queryKey: [...workOrdersKey, 'suggested', id],
    queryFn: ({ signal }) =>
      apiRequest<{ items: SuggestedAssignee[] }>(`/api/v1/work-orders/${encodeURIComponent(id)}/suggested-assignees`, { signal }),
    enabled,
  });
}

/** The community's published paid-service price list (prices in fen). */
export function usePriceList(communityId: string | undefined) {
  return useQuery({
    queryKey: ['price-list', communityId],
    queryFn: ({ signal }) => apiRequest<{ items: PriceItem[] }>('/api/v1/price-list', { query: { communityId }, signal }),
    enabled: Boolean(communityId),
    staleTime: 60_000,
  });
}

/** The standard version an order runs under (its state and action names). */
export function usePinnedStandard(versionId: string | undefined) {
  return useQuery({
    queryKey: ['standards', 'version', versionId],
    queryFn: ({ signal }) => apiRequest<StandardVersion>(`/api/v1/standards/versions/${encodeURIComponent(versionId ?? '')}`, { signal }),
    enabled: Boolean(versionId),
    staleTime: Infinity,
  });
}

/** The standard in effect for a kind in a community (states, categories, roles). */
export function useKindStandard(kind: WorkOrderKind, communityId: string | null, enabled = true) {
  return useStandard(kind, communityId, enabled && communityId !== null);
}

/**
 * Opens a work order. `idempotencyKey` is one per intake form: a double click or a retry after a
 * lost answer returns the first order instead of creating a second one.
 */
export function useCreateWorkOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreateWorkOrderInput; idempotencyKey: string }) =>
      apiRequest<WorkOrderDetail>('/api/v1/work-orders', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: (order) => {
      queryClient.setQueryData([...workOrdersKey, 'detail', order.id], order);
      return queryClient.invalidateQueries({ queryKey: [...workOrdersKey, 'list'] });
    },
  });
}

/**
 * Takes a step (`POST …/actions/{action}`, a body keyed by record name built by the step form from
 * the step's description); the answer (the order after it) replaces the cached order.
 */
export function useWorkOrderAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    // `If-Match` names the version on screen: when someone acted on the order since, the server
    // refuses (409 STALE) and the order is reloaded so the page shows what happened.
    mutationFn: ({ action, body }: { action: string; body: Record<string, unknown> }) => {
      const shown = queryClient.getQueryData<WorkOrderDetail>([...workOrdersKey, 'detail', id]);
      const headers = shown ? { 'If-Match': `"${shown.version}"` } : undefined;
      return apiRequest<WorkOrderDetail>(`/api/v1/work-orders/${encodeURIComponent(id)}/actions/${encodeURIComponent(action)}`, { method: 'POST', body, headers });
    },
    onSuccess: (order) => {
      queryClient.setQueryData([...workOrdersKey, 'detail', id], order);
      return queryClient.invalidateQueries({ queryKey: [...workOrdersKey, 'list'] });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'STALE') return queryClient.invalidateQueries({ queryKey: [...workOrdersKey, 'detail', id] });
    },
  });
}

/** Adds an internal or owner-visible comment. */
export function useAddComment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { body: string; visibility: 'internal' | 'owner' }) =>
      apiRequest<WorkOrderDetail>(`/api/v1/work-orders/${encodeURIComponent(id)}/comments`, { method: 'POST', body }),
    onSuccess: (order) => queryClient.setQueryData([...workOrdersKey, 'detail', id], order),
  });
}

/** Uploads a photo, PDF or drawn signature; it is linked to the order by the action that names it. */
export function uploadAttachment(file: Blob, kind: Attachment['kind'], fileName = 'upload'): Promise<Attachment> {
  const form = new FormData();
  // The server reads `kind` before the file, so it must come first.
  form.append('kind', kind);
  form.append('file', file, file instanceof File ? file.name : fileName);
  return apiRequest<Attachment>('/api/v1/attachments', { method: 'POST', body: form });
}

/** Address of an attachment (or its thumbnail) for <img> and links; the session cookie authorizes it. */
export function attachmentUrl(id: string, thumbnail = false): string {
  return `/api/v1/attachments/${encodeURIComponent(id)}${thumbnail ? '/thumbnail' : ''}`;
}
