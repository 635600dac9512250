import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Asset, AssetInput, assetPageSchema, AssetUpdate } from '../../common/assets';
import type { ImportResult } from '../../common/registry-api';
import { apiRequest, type QueryValue } from './client';

export type { Asset } from '../../common/assets';
export type AssetPage = z.infer<typeof assetPageSchema>;

const assetsKey = ['assets'] as const;

/** A page of the register with the screen's filters. */
export function useAssets(query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: [...assetsKey, 'list', query],
    queryFn: ({ signal }) => apiRequest<AssetPage>('/api/v1/assets', { query, signal }),
  });
}

/** One asset (what a label's QR code opens). */
export function useAsset(id: string | undefined) {
  return useQuery({
    queryKey: [...assetsKey, 'one', id],
    queryFn: ({ signal }) => apiRequest<Asset>(`/api/v1/assets/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

/**
 * Every asset of a filter, page by page, up to `max` (for the label sheet). Reads as many pages
 * as the total needs; says whether the list was cut at `max`.
 */
export async function fetchAllAssets(query: Record<string, QueryValue>, max: number): Promise<{ items: Asset[]; cut: boolean }> {
  const items: Asset[] = [];
  for (let page = 1; ; page++) {
    const res = await apiRequest<AssetPage>('/api/v1/assets', { query: { ...query, page, pageSize: 200 } });
    items.push(...res.items);
    if (items.length >= max) return { items: items.slice(0, max), cut: res.total > max };
    if (page * 200 >= res.total) return { items, cut: false };
  }
}

/** Adding, changing, retiring and importing; every list and page of the register is refreshed after. */
export function useAssetActions() {
  const client = useQueryClient();
  const onSuccess = () => void client.invalidateQueries({ queryKey: assetsKey });
  return {
    create: useMutation({ mutationFn: (body: AssetInput) => apiRequest<Asset>('/api/v1/assets', { method: 'POST', body }), onSuccess }),
    update: useMutation({ mutationFn: ({ id, body }: { id: string; body: AssetUpdate }) => apiRequest<Asset>(`/api/v1/assets/${id}`, { method: 'PATCH', body }), onSuccess }),
    retire: useMutation({ mutationFn: ({ id, reason }: { id: string; reason: string }) => apiRequest<Asset>(`/api/v1/assets/${id}/retire`, { method: 'POST', body: { reason } }), onSuccess }),
    importFile: useMutation({
      mutationFn: ({ communityId, mode, file }: { communityId: string; mode: 'dry-run' | 'commit'; file: File }) => {
        const form = new FormData();
        form.append('file', file, file.name);
        return apiRequest<ImportResult>('/api/v1/assets/import', { method: 'POST', query: { communityId, mode }, body: form });
      },
      onSuccess: (result) => {
        if (result.mode === 'commit' && result.ok) onSuccess();
      },
    }),
  };
}
