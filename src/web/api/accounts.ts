import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AccountAction, AccountCreate, StaffAccount, temporaryPasswordSchema } from '../../common/accounts';
import type { StaffRole } from '../../common/roles';
import { apiRequest } from './client';

export type TemporaryPassword = z.infer<typeof temporaryPasswordSchema>;

// Under the registry's root key, so archiving a staff member refreshes the account card too.
const accountKey = (staffId: string) => ['registry', 'staff-account', staffId] as const;

/** A staff member's sign-in account (company admins only; `enabled` false for everyone else). */
export function useStaffAccount(staffId: string, enabled: boolean) {
  return useQuery({
    queryKey: accountKey(staffId),
    queryFn: ({ signal }) => apiRequest<StaffAccount>(`/api/v1/staff/${staffId}/account`, { signal }),
    enabled,
  });
}

export type AccountButton = Exclude<AccountAction, 'setRoles'>;
const PATHS: Record<AccountButton, string> = { disable: 'disable', enable: 'enable', resetPassword: 'reset-password' };

/** Disables, enables or resets a staff account; a reset answers the temporary password. */
export function useAccountAction(staffId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: AccountButton) =>
      apiRequest<StaffAccount | TemporaryPassword>(`/api/v1/staff/${staffId}/account/${PATHS[action]}`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: accountKey(staffId) }),
  });
}

/** Creates the sign-in account of a staff member who has none; answers the temporary password once. */
export function useCreateAccount(staffId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AccountCreate) => apiRequest<TemporaryPassword>(`/api/v1/staff/${staffId}/account`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: accountKey(staffId) }),
  });
}

/** Replaces the roles of a staff account. */
export function useSetAccountRoles(staffId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (roles: StaffRole[]) => apiRequest<StaffAccount>(`/api/v1/staff/${staffId}/account/roles`, { method: 'PUT', body: { roles } }),
    onSuccess: () => client.invalidateQueries({ queryKey: accountKey(staffId) }),
  });
}

/** Changes the signed-in user's own password; the server ends their other sessions. */
export function changeMyPassword(body: { currentPassword: string; newPassword: string }): Promise<void> {
  return apiRequest<void>('/api/v1/auth/me/password', { method: 'PUT', body });
}
