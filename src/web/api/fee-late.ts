import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LateFeeRule, LateFeeRuleInput, LateFeeSettings } from '../../common/fee-late';
import { apiRequest } from './client';

export type { LateFeeRule, LateFeeRuleInput, LateFeeSettings };

const root = ['fees', 'late'] as const;

/** The late-fee rules of a community: the one in force today and every version. */
export function useLateFeeSettings(communityId: string) {
  return useQuery({ queryKey: [...root, communityId], queryFn: ({ signal }) => apiRequest<LateFeeSettings>(`/api/v1/communities/${communityId}/fee-late-fee-rules`, { signal }) });
}

/** Adds a rule version (managers). */
export function useAddLateFeeRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ communityId, input }: { communityId: string; input: LateFeeRuleInput }) =>
      apiRequest<LateFeeSettings>(`/api/v1/communities/${communityId}/fee-late-fee-rules`, { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: root }),
  });
}
