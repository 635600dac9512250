import { useQuery } from '@tanstack/react-query';
import type { Locale } from '../../common/locale';
import type { Role } from '../../common/roles';
import { ApiError, apiRequest, setCsrfToken } from './client';

/** The signed-in user as `GET /api/v1/auth/me` returns it. */
export interface Me {
  user: { id: string; username: string; displayName: string; locale: Locale; staffId: string | null };
  roles: Role[];
  /** An admin reset the password: only the change-password page works until it is changed. */
  mustChangePassword: boolean;
  organization: { id: string; name: string } | null;
  communities: { id: string; name: string }[];
  csrfToken: string;
}

/** Query key of the session; its data is `Me` or null when signed out. */
export const ME_QUERY_KEY = ['auth', 'me'] as const;

function remember(me: Me): Me {
  setCsrfToken(me.csrfToken);
  return me;
}

/** The current session, or null when nobody is signed in. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return remember(await apiRequest<Me>('/api/v1/auth/me', { allowUnauthenticated: true }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** Signs in; the server sets the session cookie. */
export async function login(credentials: { username: string; password: string }): Promise<Me> {
  return remember(
    await apiRequest<Me>('/api/v1/auth/login', {
      method: 'POST',
      body: credentials,
      allowUnauthenticated: true,
    }),
  );
}

/** Ends the session. */
export async function logout(): Promise<void> {
  try {
    await apiRequest<void>('/api/v1/auth/logout', { method: 'POST', allowUnauthenticated: true });
  } finally {
    setCsrfToken(null);
  }
}

/** Saves the user's language on the account. */
export async function saveLocale(locale: Locale): Promise<Me> {
  return remember(await apiRequest<Me>('/api/v1/auth/me/locale', { method: 'PUT', body: { locale } }));
}

/** The session query; `data` is null when signed out. */
export function useMe() {
  return useQuery({ queryKey: ME_QUERY_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
}
