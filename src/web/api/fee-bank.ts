import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BankImportResult, BankLine, BankMapping, BankMappingInput } from '../../common/fee-bank';
import { apiRequest } from './client';

export type { BankImportResult, BankLine, BankMapping, BankMappingInput };

const root = ['fees'] as const;

/** The columns of the community's bank statement (the common headers until a manager saves them). */
export function useBankMapping(communityId: string) {
  return useQuery({
    queryKey: [...root, 'bank-mapping', communityId],
    queryFn: ({ signal }) => apiRequest<BankMapping>(`/api/v1/communities/${encodeURIComponent(communityId)}/fee-bank-mapping`, { signal }),
  });
}

export interface BankLineQuery {
  status?: BankLine['status'];
  q?: string;
  page: number;
  pageSize: number;
}

/** Imported statement lines; `status: open` is the desk's list of transfers no unit was found for. */
export function useBankLines(communityId: string, query: BankLineQuery) {
  return useQuery({
    queryKey: [...root, 'bank-lines', communityId, query],
    queryFn: ({ signal }) => apiRequest<{ items: BankLine[]; total: number }>('/api/v1/fee-bank-lines', { query: { communityId, ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Saving the columns, previewing and committing a statement, assigning and dismissing open lines. */
export function useBankActions(communityId: string) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: root });
  return {
    saveMapping: useMutation({
      mutationFn: (input: BankMappingInput) => apiRequest<BankMapping>(`/api/v1/communities/${encodeURIComponent(communityId)}/fee-bank-mapping`, { method: 'PUT', body: input }),
      onSuccess: (saved) => client.setQueryData([...root, 'bank-mapping', communityId], saved),
    }),
    importFile: useMutation({
      mutationFn: ({ file, mode }: { file: File; mode: 'dry-run' | 'commit' }) => {
        const form = new FormData();
        form.append('file', file, file.name);
        return apiRequest<BankImportResult>('/api/v1/fee-bank-statements', { method: 'POST', query: { communityId, mode }, body: form });
      },
      onSuccess: (r) => (r.mode === 'commit' ? refresh() : undefined),
    }),
    assign: useMutation({ mutationFn: ({ id, accountId }: { id: string; accountId: string }) => apiRequest<BankLine>(`/api/v1/fee-bank-lines/${encodeURIComponent(id)}/assign`, { method: 'POST', body: { accountId } }), onSuccess: refresh }),
    dismiss: useMutation({ mutationFn: ({ id, note }: { id: string; note: string }) => apiRequest<BankLine>(`/api/v1/fee-bank-lines/${encodeURIComponent(id)}/dismiss`, { method: 'POST', body: { note } }), onSuccess: refresh }),
  };
}
