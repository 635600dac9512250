import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../common/api';
import { authRoutes } from './auth/routes';
import { installAuth } from './auth/plugin';
import { VERSION, type AppConfig } from './config';
import type { Database } from './db/client';
import { AppError } from './errors';
import { logSerializers, maskingStream } from './logging';
import { installInputGuard } from './http/input-guard';
import { installIdempotency } from './http/idempotency';
import { installErrorHandler, frameworkErrors } from './http/error-handler';
import { auditRoutes } from './modules/audit/routes';
import { registryRoutes } from './modules/registry/routes';
import { notificationRoutes } from './modules/notifications/routes';
import { standardsRoutes } from './modules/standards/routes';
import { workOrderRoutes } from './modules/work-orders/routes';
import { attachmentRoutes } from './modules/attachments/routes';
import { outboundRoutes } from './modules/outbound/routes';
import { portalRoutes } from './modules/portal/routes';
import { installPrivacyConsentGate } from './modules/portal';
import { patrolModuleRoutes } from './modules/patrol/routes';
import { qualityRoutes } from './modules/quality';
import { shiftRoutes } from './modules/shifts/routes';
import { incidentRoutes } from './modules/incidents/routes';
import { trainingRoutes } from './modules/training';
import { appraisalRoutes } from './modules/appraisal';
import { gateRoutes } from './modules/gate/routes';
import { unitOverviewRoutes } from './modules/unit-overview';
import { privacyRoutes } from './modules/privacy';
import { feeRoutes } from './modules/fees';
import { assetRoutes } from './modules/assets';
import { registerAllSubjects } from './modules/subjects';
import { registerReadRouting } from './db/read-routing';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    config: AppConfig;
  }
}

export interface BuildAppOptions {
  config: AppConfig;
  database: Database;
  /** Pino logger on/off; tests pass false. */
  logger?: boolean;
  /** Where log lines go (stdout by default); every line passes the personal-data mask first. */
  logStream?: { write(line: string): unknown };
}

/** Every module's routes; a new module adds its one line here. */
const MODULES = [authRoutes, auditRoutes, notificationRoutes, registryRoutes, standardsRoutes, workOrderRoutes, attachmentRoutes, outboundRoutes, portalRoutes, patrolModuleRoutes, qualityRoutes, shiftRoutes, incidentRoutes, gateRoutes, privacyRoutes, feeRoutes, unitOverviewRoutes, trainingRoutes, appraisalRoutes, assetRoutes];

/** Builds the HTTP application: plugins, error handling, API modules and the web app. */
export async function buildApp({ config, database, logger = true, logStream }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // The redaction policy is in logging.ts: redacted URLs, errors without SQL parameters, and a
    // mask over every line for phones and ID numbers that slip through.
    logger: logger
      ? { level: config.logLevel, serializers: logSerializers, stream: maskingStream(logStream) }
      : false,
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.WUYE_TRUST_PROXY === 'true',
    routerOptions: { maxParamLength: 200 },
    frameworkErrors,
  });
  // Kinds of work the kernel serves (attachment reads, timelines); the CLI registers them too.
  registerAllSubjects();
  app.decorate('database', database);
  app.decorate('config', config);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installInputGuard(app);

  await app.register(cookie);
  // Lists and reports may read a replica; a writer reads the primary for a few seconds.
  registerReadRouting(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd writes CSS-in-JS style tags.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  if (config.rateLimitPerMinute > 0) {
    await app.register(rateLimit, {
      max: config.rateLimitPerMinute,
      timeWindow: '1 minute',
      allowList: (req) => req.url === '/api/health',
      errorResponseBuilder: () => new AppError('RATE_LIMITED', 'error.rateLimited'),
    });
  }
  installAuth(app);
  installPrivacyConsentGate(app);
  // Idempotency-Key on every creating POST; registered before the modules add their routes.
  installIdempotency(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Wuye API',
        version: VERSION,
        description:
          'Property-management service platform. Business routes live under /api/v1. Sign in with POST /api/v1/auth/login; ' +
          'send the returned csrfToken as X-CSRF-Token on every non-GET request. Errors: {"error":{"code","message","fields"?}}; ' +
          'messages follow Accept-Language (zh-CN default, en-US).',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'wuye_sid' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Health check',
        security: [],
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), version: z.string() }),
          503: errorBodySchema,
        },
      },
    },
    async () => {
      await database.query('select 1');
      return { status: 'ok' as const, database: database.kind, version: VERSION };
    },
  );
  r.get(
    '/api/openapi.json',
    { config: { public: true }, schema: { hide: true } },
    async () => app.swagger(),
  );

  for (const module of MODULES) await app.register(module);

  const webDir = config.webDir;
  const hasWeb = webDir && existsSync(path.join(webDir, 'index.html'));
  const hasPortal = hasWeb && existsSync(path.join(webDir, 'm', 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: ['index.html'],
      // dist/web holds <file>.br and <file>.gz written at build time (scripts/vite-precompress.ts).
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, filePath) => reply.header('cache-control', webCacheControl(filePath)),
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api');
    // A hashed file that is not there (an old tab after a deploy) is a 404, not the HTML page.
    const isAsset = /^\/(m\/)?assets\//.test(request.url);
    if (hasWeb && !isApi && !isAsset && request.method === 'GET') {
      // Client-side routes: the web app renders its own 404 page; /m/* belongs to the owner portal.
      const portal = hasPortal && /^\/m(\/|\?|$)/.test(request.url);
      return reply.type('text/html').header('cache-control', webCacheControl('index.html')).sendFile(portal ? 'm/index.html' : 'index.html');
    }
    throw new AppError('NOT_FOUND', 'error.routeNotFound');
  });
  return app;
}

/**
 * Caching of the web app's files: Vite names everything under assets/ by its content hash, so a
 * browser may keep those for a year without asking; the HTML entries name the current hashes and
 * are asked for again on every load (no-cache: revalidated by ETag, never served stale).
 */
export function webCacheControl(filePath: string): string {
  return /(^|[\\/])assets[\\/]/.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache';
}
