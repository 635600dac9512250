import type { z } from 'zod';
import type { Locale } from '../../common/locale';
import type { directoryItemSchema, otpSentSchema, portalCategoriesSchema, PortalMe } from '../../common/portal';
import type { WorkOrderDetail, workOrderPageSchema } from '../../common/work-orders';

/**
 * The owner portal's small API client: same-origin fetch with the session cookie, the CSRF token
 * on writes and the UI language; failures become {@link ApiError} with per-field messages.
 * (The console's client pulls in the console's texts; the portal keeps its own to stay small.)
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

let csrf: string | null = null;
let language: Locale = 'zh-CN';
let onUnauthorized: (() => void) | null = null;
let onConsentRequired: (() => void) | null = null;

export const setCsrf = (token: string | null) => void (csrf = token);
export const setLanguage = (locale: Locale) => void (language = locale);
export const setOnUnauthorized = (fn: (() => void) | null) => void (onUnauthorized = fn);
/** Called when the server refuses a request until the privacy notice in force is accepted (a new version came out). */
export const setOnConsentRequired = (fn: (() => void) | null) => void (onConsentRequired = fn);

const NETWORK: Record<Locale, string> = { 'zh-CN': '网络连接失败，请检查网络后重试', 'en-US': 'No connection; please check your network and try again' };

export async function api<T>(path: string, init: { method?: string; body?: unknown; quiet401?: boolean; headers?: Record<string, string> } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const form = init.body instanceof FormData;
  const headers: Record<string, string> = { ...init.headers, Accept: 'application/json', 'Accept-Language': language };
  if (init.body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: init.body === undefined ? undefined : form ? (init.body as FormData) : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK[language]);
  }
  if (res.status === 204) return undefined as T;
  const payload = (await res.json().catch(() => null)) as { error?: { code: string; message: string; fields?: Record<string, string> } } | null;
  if (!res.ok) {
    if (res.status === 401 && !init.quiet401) onUnauthorized?.();
    const e = payload?.error;
    if (e?.code === 'PRIVACY_CONSENT_REQUIRED') onConsentRequired?.();
    throw new ApiError(res.status, e?.code ?? 'HTTP_ERROR', e?.message ?? `HTTP ${res.status}`, e?.fields ?? {});
  }
  if (payload && typeof payload === 'object' && 'csrfToken' in payload && typeof payload.csrfToken === 'string') setCsrf(payload.csrfToken);
  return payload as T;
}

export type DirectoryItem = z.infer<typeof directoryItemSchema>;
export type Categories = z.infer<typeof portalCategoriesSchema>;
export type OrderPage = z.infer<typeof workOrderPageSchema>;
export type OrderSummary = OrderPage['items'][number];
export type { PortalMe, WorkOrderDetail };

export const portalApi = {
  me: () => api<PortalMe>('/api/v1/portal/me', { quiet401: true }),
  sendCode: (phone: string, communityId?: string) => api<z.infer<typeof otpSentSchema>>('/api/v1/portal/otp', { method: 'POST', body: { phone, communityId } }),
  // The same community as the code request: a code only opens that company's account.
  verify: (phone: string, code: string, communityId?: string) => api<PortalMe>('/api/v1/portal/otp/verify', { method: 'POST', body: { phone, code, communityId }, quiet401: true }),
  login: (phone: string, password: string, communityId?: string) => api<PortalMe>('/api/v1/portal/login', { method: 'POST', body: { phone, password, communityId }, quiet401: true }),
  logout: () => api<void>('/api/v1/auth/logout', { method: 'POST' }),
  /** Accepts the privacy notice of this version (the one shown). */
  acceptPrivacy: (version: string) => api<PortalMe>('/api/v1/portal/me/privacy-consent', { method: 'POST', body: { version } }),
  saveLocale: (locale: Locale) => api<unknown>('/api/v1/auth/me/locale', { method: 'PUT', body: { locale } }),
  /** Sends a code to the account's own phone, to prove a password change without the current one. */
  sendOwnCode: () => api<z.infer<typeof otpSentSchema>>('/api/v1/portal/me/otp', { method: 'POST' }),
  setPassword: (body: { password: string; currentPassword?: string; code?: string }) => api<void>('/api/v1/portal/me/password', { method: 'PUT', body }),
  register: (body: { name: string; unitId: string; relation: string }) => api<PortalMe>('/api/v1/portal/registration', { method: 'POST', body }),
  requestUnit: (body: { unitId: string; relation: string }) => api<PortalMe>('/api/v1/portal/unit-requests', { method: 'POST', body }),
  communities: () => api<{ items: DirectoryItem[] }>('/api/v1/portal/communities'),
  buildings: (communityId: string) => api<{ items: DirectoryItem[] }>(`/api/v1/portal/communities/${communityId}/buildings`),
  units: (buildingId: string) => api<{ items: DirectoryItem[] }>(`/api/v1/portal/buildings/${buildingId}/units`),
  categories: (communityId: string) => api<Categories>(`/api/v1/portal/categories?communityId=${communityId}`),
  orders: (query: { active?: 'true' | 'false'; page?: number }) =>
    api<OrderPage>(`/api/v1/work-orders?pageSize=20&page=${query.page ?? 1}${query.active ? `&active=${query.active}` : ''}`),
  order: (id: string) => api<WorkOrderDetail>(`/api/v1/work-orders/${id}`),
  // Filing carries an Idempotency-Key, so a retry on a shaky phone connection never files twice.
  create: (body: Record<string, unknown>, key: string) =>
    api<WorkOrderDetail>('/api/v1/work-orders', { method: 'POST', body, headers: { 'Idempotency-Key': key } }),
  // `If-Match` carries the version the resident saw: a step on a request the desk moved on since is refused (409).
  act: (id: string, action: string, body: Record<string, unknown>, version: number) =>
    api<WorkOrderDetail>(`/api/v1/work-orders/${id}/actions/${action}`, { method: 'POST', body, headers: { 'If-Match': `"${version}"` } }),
  upload: (file: Blob, kind: 'photo' | 'signature', name: string) => {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file, name);
    return api<{ id: string }>('/api/v1/attachments', { method: 'POST', body: form });
  },
};
