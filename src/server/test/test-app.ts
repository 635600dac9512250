import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app';
import { loadConfig, ROOT_DIR } from '../config';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createPglite, openDatabase, wrapPglite, type Database } from '../db/client';
import { prepareDatabase } from '../db/prepare';
import { PRIVACY_NOTICE } from '../../common/privacy-notice';

/** Which database the API tests run on: `WUYE_TEST_DB=postgres` switches from PGlite to PostgreSQL. */
export const TEST_DB: 'pglite' | 'postgres' = process.env.WUYE_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
/** Server URL of the PostgreSQL cluster used for tests (a fresh database is created per test file). */
export const TEST_PG_URL = process.env.WUYE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:54329/postgres';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** A fresh signed-out client. */
  client(): TestClient;
  close(): Promise<void>;
}

/** Where the migrated PGlite template of a schema fingerprint is kept (see global-setup.ts). */
export function templateTarball(fingerprint: string): string {
  return path.join(ROOT_DIR, '.tmp', `pglite-template-${fingerprint}.tar`);
}

/** Name of the migrated PostgreSQL template database of a schema fingerprint. */
export function templateName(fingerprint: string): string {
  return `wuye_template_${fingerprint}`;
}

/**
 * Creates an empty database with the schema: a copy of the migrated template when the test run
 * made one (global-setup.ts), else migrated from scratch.
 */
export async function createTestDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  const fingerprint = process.env.WUYE_TEST_TEMPLATE;
  if (TEST_DB === 'pglite') {
    const file = fingerprint ? templateTarball(fingerprint) : null;
    if (file && existsSync(file)) {
      const pglite = await createPglite({ loadDataDir: new Blob([readFileSync(file)]) });
      const database = wrapPglite(pglite);
      return { database, drop: () => database.close() };
    }
    const database = await openDatabase({ dataDir: 'memory://' });
    await prepareDatabase(database);
    return { database, drop: () => database.close() };
  }
  const pgDb = await createPostgresDatabase(fingerprint ? templateName(fingerprint) : undefined);
  const database = await openDatabase({ databaseUrl: pgDb.url, dataDir: '', poolSize: 5 });
  if (!fingerprint) await prepareDatabase(database);
  return {
    database,
    async drop() {
      await database.close();
      await pgDb.drop();
    },
  };
}

/** Creates an empty PostgreSQL database on the test cluster (optionally a copy of a template). */
export async function createPostgresDatabase(template?: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `wuye_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Builds the full application on a fresh test database. */
export async function createTestApp(options: { logStream?: { write(line: string): unknown } } = {}): Promise<TestApp> {
  const { database, drop } = await createTestDatabase();
  const config = { ...loadConfig({}), webDir: undefined, rateLimitPerMinute: 0, uploadsDir: `/tmp/wuye-test-uploads-${randomBytes(4).toString('hex')}` };
  // A test that reads the log passes a stream; the others run without a logger.
  const app = await buildApp({ config, database, logger: options.logStream !== undefined, ...(options.logStream ? { logStream: options.logStream } : {}) });
  await app.ready();
  return {
    app,
    database,
    client: () => new TestClient(app),
    async close() {
      await app.close();
      await drop();
    },
  };
}

let clientSeq = 1;

/** A browser-like API client: keeps the session cookie and sends the CSRF token. */
export class TestClient {
  private cookie: string | null = null;
  csrfToken: string | null = null;
  language = 'zh-CN';
  /** Each client comes from its own address, so per-address login throttling stays per client. */
  remoteAddress = `10.${clientSeq >> 16 & 255}.${clientSeq >> 8 & 255}.${clientSeq++ & 255}`;

  constructor(private readonly app: FastifyInstance) {}

  /** Signs in; throws unless the login succeeds. */
  async login(username: string, password = 'demo12345'): Promise<this> {
    const res = await this.request('POST', '/api/v1/auth/login', { username, password });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    return this;
  }

  /** As a portal account, accepts the privacy notice in force (what the portal asks first); throws unless accepted. */
  async acceptPrivacyNotice(): Promise<this> {
    const res = await this.post('/api/v1/portal/me/privacy-consent', { version: PRIVACY_NOTICE.version });
    if (res.statusCode !== 200) throw new Error(`privacy consent failed: ${res.statusCode} ${res.body}`);
    return this;
  }

  async request(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method,
      url,
      remoteAddress: this.remoteAddress,
      ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
      headers: {
        'accept-language': this.language,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      },
    });
    const setCookie = res.cookies.find((c) => c.name === 'wuye_sid');
    if (setCookie) this.cookie = setCookie.value ? `wuye_sid=${setCookie.value}` : null;
    if (res.statusCode < 300 && String(res.headers['content-type'] ?? '').includes('json')) {
      const json = res.json() as { csrfToken?: string };
      if (json && typeof json.csrfToken === 'string') this.csrfToken = json.csrfToken;
    }
    return res;
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', url, body ?? {}, headers);
  put = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('PUT', url, body ?? {}, headers);
  patch = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('PATCH', url, body ?? {}, headers);
  delete = (url: string, headers?: Record<string, string>) => this.request('DELETE', url, undefined, headers);
}
