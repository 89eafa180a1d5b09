import { allowedActions } from '@anxin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { requestContextOf } from '../../http/request-context-of.ts';
import type { AccountRecord, RoleView } from '../accounts/account-repository.ts';
import { getMe } from './get-me.ts';
import { login } from './login.ts';
import { logout, logoutEverywhere } from './logout.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from './session-token.ts';

const roleView = z.object({
  role: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  organizationId: z.string().nullable(),
  organizationName: z.string().nullable(),
});
export const meResponse = z.object({
  account: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    locale: z.enum(['zh-CN', 'en']),
    designatedPost: z.string().nullable(),
  }),
  roles: z.array(roleView),
  actions: z.array(z.string()),
});

function meBody(account: AccountRecord, roles: RoleView[]): z.infer<typeof meResponse> {
  return {
    account: {
      id: account.id,
      username: account.username,
      displayName: account.displayName,
      locale: account.locale,
      designatedPost: account.designatedPost,
    },
    roles: roles.map((r) => ({ ...r, organizationId: r.organizationId ?? null })),
    actions: allowedActions({ accountId: account.id, username: account.username, roles }),
  };
}

const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional(), details: z.record(z.string(), z.unknown()).optional() }),
});

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const secure = (protocol: string): boolean =>
      ctx.config.cookieSecure === 'auto' ? protocol === 'https' : ctx.config.cookieSecure === 'true';

    app.post(
      '/api/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign in; sets the session cookie',
          body: z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
          response: { 200: meResponse, 401: errorBody, 429: errorBody },
        },
      },
      async (request, reply) => {
        const result = await login(ctx, {
          username: request.body.username,
          password: request.body.password,
          clientIp: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        const maxAge = Math.floor(ctx.config.sessionAbsoluteMs / 1000);
        const isSecure = secure(request.protocol);
        void reply.setCookie(SESSION_COOKIE, result.token, { httpOnly: true, sameSite: 'strict', secure: isSecure, path: '/', maxAge });
        void reply.setCookie(CSRF_COOKIE, result.csrfToken, { httpOnly: false, sameSite: 'strict', secure: isSecure, path: '/', maxAge });
        return meBody(result.account, result.roles);
      },
    );

    app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'End this session' } }, async (request, reply) => {
      const rc = requestContextOf(request);
      if (request.session) await logout(ctx, rc, request.session.tokenHash);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.status(204).send();
    });

    app.post(
      '/api/auth/logout-all',
      { schema: { tags: ['auth'], summary: 'End every session of this account' } },
      async (request, reply) => {
        await logoutEverywhere(ctx, requestContextOf(request));
        void reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/me',
      { schema: { tags: ['auth'], summary: 'The signed-in account, its roles and allowed actions', response: { 200: meResponse } } },
      async (request) => {
        const me = await getMe(ctx, requestContextOf(request));
        return meBody(me.account, me.roles);
      },
    );
  };
}
