import { ApiError, ClientErrorCode, parseApiError } from './api-error.ts';
import { readCookie } from './read-cookie.ts';

/** The readable cookie the server sets beside the HttpOnly session; echoed back as a header on writes. */
export const CSRF_COOKIE = 'anxin_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const LOGIN_PATH = '/api/auth/login';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Marks a request the app made on its own; see RequestOptions.background. */
export const BACKGROUND_HEADER = 'x-anxin-background';

const UNSAFE_METHODS: ReadonlySet<Method> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RequestOptions {
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
  /**
   * Leave a 401 to the caller instead of sending the browser to the sign-in page. The session probe
   * at start-up uses this: not being signed in is an expected answer there, not an expired session.
   */
  allowUnauthenticated?: boolean;
  /**
   * A poll the app makes on its own (the notification bell), not something the person did: the server
   * does not count it as activity, so an unattended tab still signs out after the idle limit.
   */
  background?: boolean;
}

export interface ApiClientOptions {
  fetch?: typeof fetch;
  /** Returns the current `document.cookie` string; injectable so tests need no DOM. */
  cookies?: () => string;
  /** Called on a 401 from anything but the login call; the default sends the browser to /login. */
  onUnauthenticated?: () => void;
}

export interface ApiClient {
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  delete<T>(path: string, options?: RequestOptions): Promise<T>;
}

function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  if (!text) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${text}`;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Sends the browser to the sign-in page, remembering where it was and saying why; a no-op when
 * already there.
 */
export function redirectToLogin(): void {
  const { pathname, search } = window.location;
  if (pathname === '/login') return;
  window.location.assign(`/login?expired=1&next=${encodeURIComponent(pathname + search)}`);
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const cookies = options.cookies ?? (() => document.cookie);
  const onUnauthenticated = options.onUnauthenticated ?? redirectToLogin;

  async function request<T>(method: Method, path: string, body: unknown, opts: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (opts.background) headers[BACKGROUND_HEADER] = '1';
    if (UNSAFE_METHODS.has(method)) {
      const token = readCookie(cookies(), CSRF_COOKIE);
      if (token) headers[CSRF_HEADER] = token;
    }
    const init: RequestInit = { method, headers, credentials: 'same-origin' };
    if (body !== undefined) init.body = JSON.stringify(body);
    if (opts.signal) init.signal = opts.signal;

    let response: Response;
    try {
      response = await doFetch(withQuery(path, opts.query), init);
    } catch (cause) {
      // An abort is the caller's own doing; hand it back untouched so it can be ignored.
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError(0, ClientErrorCode.NETWORK_ERROR, 'network request failed');
    }

    let parsed: unknown;
    try {
      parsed = await readBody(response);
    } catch {
      throw new ApiError(0, ClientErrorCode.NETWORK_ERROR, 'response was cut off');
    }
    if (response.ok) return parsed as T;

    const error = parseApiError(response.status, parsed, response.statusText || `HTTP ${response.status}`);
    if (response.status === 401 && path !== LOGIN_PATH && !opts.allowUnauthenticated) onUnauthenticated();
    throw error;
  }

  return {
    get: (path, opts) => request('GET', path, undefined, opts),
    post: (path, body, opts) => request('POST', path, body, opts),
    put: (path, body, opts) => request('PUT', path, body, opts),
    patch: (path, body, opts) => request('PATCH', path, body, opts),
    delete: (path, opts) => request('DELETE', path, undefined, opts),
  };
}

/** The client every page uses. */
export const api: ApiClient = createApiClient();
