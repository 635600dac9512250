import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DataSettings, DataSettingsPatch } from '../../common/privacy';
import { apiRequest } from './client';

const SETTINGS_KEY = ['organization', 'data-settings'] as const;

/** The company's retention period and upload quota (company admins and project managers). */
export function useDataSettings(enabled = true) {
  return useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: ({ signal }) => apiRequest<DataSettings>('/api/v1/organization/data-settings', { signal }),
    enabled,
    retry: false,
  });
}

/** Saves the fields given (the server changes only those). */
export function useSaveDataSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DataSettingsPatch) => apiRequest<DataSettings>('/api/v1/organization/data-settings', { method: 'PATCH', body }),
    onSuccess: (saved) => client.setQueryData(SETTINGS_KEY, saved),
  });
}

/** Erases a resident's personal data (company admins; cannot be undone). */
export function useEraseResident() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<{ workOrders: number }>(`/api/v1/residents/${id}/erase`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries(),
  });
}
