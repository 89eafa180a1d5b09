import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError, ErrorCode } from '@anxin/domain';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../app-context.ts';
import { authRoutes } from '../modules/auth/auth-routes.ts';
import { resolveSession } from '../modules/auth/resolve-session.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../modules/auth/session-token.ts';
import { routeModules } from '../modules/route-modules.ts';
import { errorHandler } from './error-handler.ts';
import { HttpMetrics } from './metrics.ts';
import './request-context.ts';

const DEFAULT_WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../../web/dist');
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Paths a cookie session may call without the CSRF header: signing in creates the token.
const CSRF_EXEMPT = new Set(['/api/auth/login']);

export interface BuildAppOptions {
  /** Logger: pino options, or false in tests. */
  logger?: boolean | Record<string, unknown>;
}

/** Assembles the HTTP server: plugins, session and CSRF hooks, error mapping, routes, web app. */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: ctx.config.logLevel,
            // Request lines carry the route pattern, never the raw URL: query strings can hold names or IDs.
            serializers: {
              req: (req: { method: string; routeOptions?: { url?: string }; id: string }) => ({
                method: req.method,
                route: req.routeOptions?.url,
                id: req.id,
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            redact: ['req.headers.cookie', 'req.headers.authorization'],
            ...(typeof options.logger === 'object' ? options.logger : {}),
          },
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: ctx.config.trustProxy,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // Ant Design injects its CSS-in-JS styles at run time.
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: ctx.config.cookieSecure === 'true',
  });
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Anxin API', description: 'Community psychological services platform', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const metrics = new HttpMetrics();
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    const token = request.cookies[SESSION_COOKIE];
    if (!token || !request.url.startsWith('/api/')) return;
    // The web app marks its own polls (x-anxin-background: 1); they must not keep an idle session alive.
    const session = await resolveSession(ctx, token, { activity: request.headers['x-anxin-background'] !== '1' });
    if (session.status !== 'active') {
      if (session.status === 'expired' && request.url !== '/api/auth/login') {
        throw new AppError(ErrorCode.SESSION_EXPIRED, 'Your session has expired. Sign in again.');
      }
      return;
    }
    request.actor = session.actor;
    request.session = { tokenHash: session.tokenHash, csrfToken: session.csrfToken };
    if (UNSAFE_METHODS.has(request.method) && !CSRF_EXEMPT.has(request.url.split('?')[0] ?? '')) {
      if (request.headers[CSRF_HEADER] !== session.csrfToken) {
        throw new AppError(ErrorCode.CSRF_FAILED, 'Missing or wrong CSRF token');
      }
    }
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.observe(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await ctx.db.query('SELECT 1');
      return { status: 'ready', database: ctx.db.kind };
    } catch {
      return reply.status(503).send({ error: { code: ErrorCode.UNAVAILABLE, message: 'Database unreachable' } });
    }
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/plain; version=0.0.4').send(metrics.render()),
  );

  await app.register(authRoutes(ctx));
  for (const module of routeModules) await app.register(module(ctx));

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const webDist = ctx.config.webDist ? resolve(ctx.config.webDist) : DEFAULT_WEB_DIST;
  const hasWeb = existsSync(join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (hasWeb && request.method === 'GET' && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path)) {
      return reply.type('text/html').sendFile('index.html'); // the single-page app routes it
    }
    return reply.status(404).send({ error: { code: ErrorCode.NOT_FOUND, message: `No route ${request.method} ${path}` } });
  });

  return app;
}
