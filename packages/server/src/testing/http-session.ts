import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** A signed-in client for `app.inject`: keeps the session and CSRF cookies and sends the CSRF header. */
export class TestSession {
  cookies = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  private absorb(res: LightMyRequestResponse): void {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  get csrf(): string | undefined {
    return this.cookies.get('anxin_csrf');
  }

  async request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, options: { csrf?: boolean; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && options.csrf !== false && this.csrf) headers['x-csrf-token'] = this.csrf;
    const res = await this.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    this.absorb(res);
    return res;
  }

  async login(username: string, password: string) {
    return this.request('POST', '/api/auth/login', { username, password });
  }
}
