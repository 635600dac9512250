import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadMessages } from '../i18n/messages';
import { ApiError, apiRequest, setCsrfToken, setRequestLocale, setUnauthorizedHandler } from './client';

function answer(status: number, body?: unknown) {
  return vi.fn(async (_url: string, _init: RequestInit) =>
    new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    }),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  setRequestLocale('zh-CN');
  setUnauthorizedHandler(null);
});

describe('apiRequest', () => {
  it('sends the language on every call and the CSRF token only on writes', async () => {
    const fetchMock = answer(200, { ok: true });
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('token-1');
    setRequestLocale('en-US');

    await apiRequest('/api/v1/audit', { query: { page: 2, entityType: '', action: undefined } });
    await apiRequest('/api/v1/auth/me/locale', { method: 'PUT', body: { locale: 'en-US' } });

    const [getUrl, getInit] = fetchMock.mock.calls[0] ?? [];
    expect(getUrl).toBe('/api/v1/audit?page=2');
    expect(getInit?.headers).toMatchObject({ 'Accept-Language': 'en-US' });
    expect(getInit?.headers).not.toHaveProperty('X-CSRF-Token');
    const [, putInit] = fetchMock.mock.calls[1] ?? [];
    expect(putInit?.headers).toMatchObject({ 'X-CSRF-Token': 'token-1', 'Content-Type': 'application/json' });
    expect(putInit?.body).toBe('{"locale":"en-US"}');
  });

  it('turns error bodies into ApiError with code, message and fields', async () => {
    vi.stubGlobal(
      'fetch',
      answer(400, { error: { code: 'VALIDATION_FAILED', message: '请检查输入', fields: { username: '必填' } } }),
    );
    const error = await apiRequest('/api/v1/auth/login', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: '请检查输入', fields: { username: '必填' } });
  });

  it('reports 401 to the session handler unless the call expects it', async () => {
    vi.stubGlobal('fetch', answer(401, { error: { code: 'UNAUTHENTICATED', message: '请先登录' } }));
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);

    await expect(apiRequest('/api/v1/auth/me', { allowUnauthenticated: true })).rejects.toThrow('请先登录');
    expect(onUnauthorized).not.toHaveBeenCalled();
    await expect(apiRequest('/api/v1/audit')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('explains network failures and non-JSON errors in the chosen language', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(apiRequest('/api/health')).rejects.toMatchObject({ code: 'NETWORK_ERROR', message: '无法连接服务器，请检查网络后重试。' });

    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502 })));
    // The console loads a language's catalogue before it switches to it (i18n-context's loadLocale).
    await loadMessages('en-US');
    setRequestLocale('en-US');
    await expect(apiRequest('/api/health')).rejects.toMatchObject({ status: 502, code: 'HTTP_ERROR', message: 'The server could not handle the request (502). Please try again later.' });
  });

  it('returns undefined for 204', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(null, { status: 204 })));
    await expect(apiRequest('/api/v1/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
  });
});
