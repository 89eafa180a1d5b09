import { describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '@anxin/domain';
import { ApiError, ClientErrorCode } from './api-error.ts';
import { createApiClient, CSRF_HEADER } from './client.ts';

interface Call {
  url: string;
  init: RequestInit;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function setup(respond: (call: Call) => Response | Promise<Response>, cookie = 'theme=x; anxin_csrf=tok%2B123') {
  const calls: Call[] = [];
  const onUnauthenticated = vi.fn();
  const client = createApiClient({
    fetch: (input, init) => {
      const call = { url: String(input), init: init ?? {} };
      calls.push(call);
      return Promise.resolve(respond(call));
    },
    cookies: () => cookie,
    onUnauthenticated,
  });
  return { client, calls, onUnauthenticated };
}

function header(call: Call | undefined, name: string): string | undefined {
  const headers = (call?.init.headers ?? {}) as Record<string, string>;
  return headers[name];
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('api client', () => {
  it('sends the CSRF cookie value as a header on writes and not on reads', async () => {
    const { client, calls } = setup(() => json(200, { ok: true }));
    await client.get('/api/me');
    await client.post('/api/things', { a: 1 });
    await client.put('/api/things/1', { a: 2 });
    await client.patch('/api/things/1', { a: 3 });
    await client.delete('/api/things/1');
    expect(header(calls[0], CSRF_HEADER)).toBeUndefined();
    for (const call of calls.slice(1)) expect(header(call, CSRF_HEADER)).toBe('tok+123');
    expect(calls.map((c) => c.init.method)).toEqual(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
  });

  it('sends JSON with same-origin credentials and encodes query parameters', async () => {
    const { client, calls } = setup(() => json(200, { items: [] }));
    await client.post('/api/x', { name: '江岸' });
    await client.get('/api/regions', { query: { q: '江岸', under: '420100000000', skipped: undefined } });
    expect(calls[0]?.init.credentials).toBe('same-origin');
    expect(calls[0]?.init.body).toBe('{"name":"江岸"}');
    expect(header(calls[0], 'content-type')).toBe('application/json');
    expect(calls[1]?.url).toBe('/api/regions?q=%E6%B1%9F%E5%B2%B8&under=420100000000');
  });

  it('returns the parsed body, and undefined for 204', async () => {
    const { client } = setup((call) => (call.url === '/api/a' ? json(200, { n: 7 }) : new Response(null, { status: 204 })));
    expect(await client.get<{ n: number }>('/api/a')).toEqual({ n: 7 });
    expect(await client.post('/api/auth/logout')).toBeUndefined();
  });

  it('parses the error envelope into a typed ApiError', async () => {
    const { client } = setup(() =>
      json(429, {
        error: { code: 'ACCOUNT_LOCKED', message: 'locked', details: { retryAfterSeconds: 300 } },
      }),
    );
    const error = await failure(client.post('/api/auth/login', { username: 'a', password: 'b' }));
    expect(error.status).toBe(429);
    expect(error.code).toBe(ErrorCode.ACCOUNT_LOCKED);
    expect(error.details).toEqual({ retryAfterSeconds: 300 });
  });

  it('keeps the field of a validation error', async () => {
    const { client } = setup(() => json(400, { error: { code: 'VALIDATION', message: 'bad', field: 'username' } }));
    const error = await failure(client.post('/api/x', {}));
    expect(error.code).toBe(ErrorCode.VALIDATION);
    expect(error.field).toBe('username');
  });

  it('derives a code from the status when the body is not the envelope', async () => {
    const { client } = setup(() => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    const error = await failure(client.get('/api/x'));
    expect(error.code).toBe(ErrorCode.UNAVAILABLE);
    expect(error.status).toBe(502);
  });

  it('turns a failed fetch into a NETWORK_ERROR', async () => {
    const client = createApiClient({
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      cookies: () => '',
      onUnauthenticated: () => undefined,
    });
    const error = await failure(client.get('/api/me'));
    expect(error.code).toBe(ClientErrorCode.NETWORK_ERROR);
    expect(error.status).toBe(0);
  });

  it('redirects on 401 from ordinary calls but not from the login call or opted-out calls', async () => {
    const { client, onUnauthenticated } = setup(() => json(401, { error: { code: 'UNAUTHENTICATED', message: 'no' } }));
    await failure(client.post('/api/auth/login', { username: 'a', password: 'b' }));
    expect(onUnauthenticated).not.toHaveBeenCalled();
    await failure(client.get('/api/me', { allowUnauthenticated: true }));
    expect(onUnauthenticated).not.toHaveBeenCalled();
    const error = await failure(client.get('/api/persons'));
    expect(error.code).toBe(ErrorCode.UNAUTHENTICATED);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('sends no CSRF header when the cookie is absent', async () => {
    const { client, calls } = setup(() => json(200, {}), 'other=1');
    await client.post('/api/x', {});
    expect(header(calls[0], CSRF_HEADER)).toBeUndefined();
  });
});
