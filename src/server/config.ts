import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Repository root (where package.json, migrations/ and standards/ live). */
export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const VERSION: string = (
  JSON.parse(readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')) as { version: string }
).version;

export interface AppConfig {
  /** Postgres connection string; when absent the embedded PGlite store in `dataDir` is used. */
  databaseUrl?: string;
  /**
   * Streaming replicas of `databaseUrl` (`DATABASE_READ_URL`, comma-separated) that serve lists,
   * search, dashboards, reports and exports; empty: everything reads the primary.
   */
  databaseReadUrls: string[];
  /** Connections each server process may open to the primary, and to each replica (`WUYE_DB_POOL_SIZE`). */
  databasePoolSize: number;
  /** After a write, how long the writer's reads stay on the primary (read-your-writes), in ms. */
  readAfterWriteMs: number;
  /** PGlite data directory; `memory://` keeps the database in memory (tests). */
  dataDir: string;
  port: number;
  host: string;
  logLevel: string;
  /** Where uploaded files are stored. */
  uploadsDir: string;
  /** Built web app served at `/`; absent in API-only tests. */
  webDir?: string;
  /** Session lifetime in hours since last use. */
  sessionIdleHours: number;
  /** Set the Secure flag on cookies (behind HTTPS). */
  secureCookies: boolean;
  /** Requests per minute per IP across the API; 0 turns the limiter off (benchmarks). */
  rateLimitPerMinute: number;
  /** Seconds between two runs of the SLA sweeper. */
  sweepSeconds: number;
  /** Upload storage per organization in bytes unless the company sets its own (default 5 GB). */
  storageQuotaBytes: number;
}

/** Reads configuration from environment variables, with the defaults the README documents. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = path.resolve(env.WUYE_DATA_DIR ?? path.join(process.cwd(), 'data'));
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReadUrls: env.DATABASE_URL
      ? (env.DATABASE_READ_URL ?? '')
          .split(',')
          .map((u) => u.trim())
          .filter(Boolean)
      : [],
    readAfterWriteMs: Number(env.WUYE_READ_AFTER_WRITE_MS ?? 5000),
    databasePoolSize: Math.max(1, Number(env.WUYE_DB_POOL_SIZE ?? 10) || 10),
    dataDir,
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    logLevel: env.LOG_LEVEL ?? 'info',
    uploadsDir: path.resolve(env.WUYE_UPLOADS_DIR ?? path.join(env.DATABASE_URL ? process.cwd() : dataDir, 'uploads')),
    webDir: path.join(ROOT_DIR, 'dist/web'),
    sessionIdleHours: Number(env.WUYE_SESSION_HOURS ?? 12),
    secureCookies: env.WUYE_SECURE_COOKIES === 'true',
    rateLimitPerMinute: Number(env.WUYE_RATE_LIMIT ?? 1200),
    sweepSeconds: Number(env.WUYE_SWEEP_SECONDS ?? 30),
    storageQuotaBytes: Math.round(Number(env.WUYE_STORAGE_QUOTA_GB ?? 5) * 1024 ** 3),
  };
}
