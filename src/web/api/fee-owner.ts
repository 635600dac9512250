import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Disclosure, DisclosureInput, DisclosurePeriod, FeeDrill, FeeReport, PayInfo, PayInfoInput } from '../../common/fee-owner';
import type { ArrearsLetter, DisclosureFigures, FeeReminder, ReminderSettings, ReminderSettingsInput } from '../../common/fee-owner';
import { apiRequest } from './client';

export type { Disclosure, DisclosureFigures, DisclosurePeriod, FeeDrill, FeeReport, PayInfo };

const root = ['fees', 'owner'] as const;

export function usePayInfo(communityId: string) {
  return useQuery({ queryKey: [...root, 'pay-info', communityId], queryFn: ({ signal }) => apiRequest<PayInfo>(`/api/v1/communities/${communityId}/fee-pay-info`, { signal }) });
}

export function useDisclosures(communityId: string) {
  return useQuery({ queryKey: [...root, 'disclosures', communityId], queryFn: ({ signal }) => apiRequest<{ items: Disclosure[] }>('/api/v1/fee-disclosures', { query: { communityId }, signal }) });
}

export function useDisclosure(id: string | undefined) {
  return useQuery({ queryKey: [...root, 'disclosure', id], queryFn: ({ signal }) => apiRequest<Disclosure>(`/api/v1/fee-disclosures/${id}`, { signal }), enabled: !!id });
}

export function useDisclosurePreview(q: { communityId: string; periodKind: DisclosurePeriod; period: string }, enabled: boolean) {
  return useQuery({
    queryKey: [...root, 'disclosure-preview', q],
    queryFn: ({ signal }) => apiRequest<{ periodStart: string; periodEnd: string; figures: DisclosureFigures; publishedVersions: number }>('/api/v1/fee-disclosures/preview', { query: q, signal }),
    enabled,
    retry: false,
  });
}

export function useFeeReport(q: { communityId: string; from: string; to: string; granularity: 'day' | 'month' }) {
  return useQuery({ queryKey: [...root, 'report', q], queryFn: ({ signal }) => apiRequest<FeeReport>('/api/v1/fee-reports', { query: q, signal }), placeholderData: keepPreviousData, retry: false });
}

export type DrillQuery = { communityId: string; figure: 'arrears' | 'received' | 'item' | 'method'; from?: string; to?: string; buildingId?: string; itemId?: string; method?: string; bucket?: string };
export function useFeeDrill(q: DrillQuery | null) {
  return useQuery({ queryKey: [...root, 'drill', q], queryFn: ({ signal }) => apiRequest<FeeDrill>('/api/v1/fee-reports/drill', { query: q!, signal }), enabled: !!q });
}

export function useFeeOwnerActions() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: root });
  return {
    savePayInfo: useMutation({
      mutationFn: ({ communityId, input }: { communityId: string; input: PayInfoInput }) => apiRequest<PayInfo>(`/api/v1/communities/${communityId}/fee-pay-info`, { method: 'PUT', body: input }),
      onSuccess: refresh,
    }),
    publish: useMutation({
      mutationFn: (input: DisclosureInput) => apiRequest<Disclosure>('/api/v1/fee-disclosures', { method: 'POST', body: input }),
      onSuccess: refresh,
    }),
  };
}

export function useReminderSettings(communityId: string) {
  return useQuery({ queryKey: [...root, 'reminder-settings', communityId], queryFn: ({ signal }) => apiRequest<ReminderSettings>(`/api/v1/communities/${communityId}/fee-reminder-settings`, { signal }) });
}

export function useReminders(communityId: string) {
  return useQuery({ queryKey: [...root, 'reminders', communityId], queryFn: ({ signal }) => apiRequest<{ items: FeeReminder[] }>('/api/v1/fee-reminders', { query: { communityId }, signal }) });
}

export function useArrearsLetter(accountId: string | undefined) {
  return useQuery({ queryKey: [...root, 'letter', accountId], queryFn: ({ signal }) => apiRequest<ArrearsLetter>(`/api/v1/fee-accounts/${accountId}/arrears-letter`, { signal }), enabled: !!accountId });
}

export function useSaveReminderSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ communityId, input }: { communityId: string; input: ReminderSettingsInput }) => apiRequest<ReminderSettings>(`/api/v1/communities/${communityId}/fee-reminder-settings`, { method: 'PUT', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: root }),
  });
}
