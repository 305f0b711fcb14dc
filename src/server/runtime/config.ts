/**
 * The server's settings from the environment (docs/drift.md lists them):
 *   NODE_ENV=production   no demo data, JSON log lines, listens on 127.0.0.1 unless HOST is set
 *   PORT (8080), HOST, DATA_DIR (./data), DATABASE_URL, STATIC_DIR (./dist)
 *   TLS_CERT, TLS_KEY     PEM files: HTTPS with HTTP/2 (both or neither)
 *   TRUST_PROXY=1         behind a reverse proxy: X-Forwarded-For and X-Forwarded-Proto count
 *   SHUTDOWN_TIMEOUT      seconds the requests under way get at SIGTERM (30)
 *   AUDIT_RETENTION_DAYS  days the audit log is kept (1095); SESSION_RETENTION_DAYS days an ended
 *                         session is kept (30) – store/retention.ts
 * A bad value stops the start with a message naming it, rather than starting half right.
 */
import { readFileSync } from 'node:fs';
import { type RetentionPolicy, retentionFromEnv } from '../store/retention';
import type { TlsFiles } from './listen';

export interface ServerConfig {
  port: number;
  hostname: string | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  staticDir: string;
  trustProxy: boolean;
  production: boolean;
  tls: TlsFiles | undefined;
  shutdownTimeoutMs: number;
  retention: RetentionPolicy;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const isOn = (v: string | undefined) => v === '1' || v?.toLowerCase() === 'true';

function number(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new ConfigError(`${name}=${raw} är inte ett heltal 0–${max}.`);
  return n;
}

function tlsFiles(env: NodeJS.ProcessEnv): TlsFiles | undefined {
  const { TLS_CERT: cert, TLS_KEY: key } = env;
  if (!cert && !key) return undefined;
  if (!cert || !key) throw new ConfigError('Ange både TLS_CERT och TLS_KEY (eller ingen av dem).');
  const read = (name: string, path: string) => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new ConfigError(
        `${name}: kan inte läsa ${path} (${(err as NodeJS.ErrnoException).code ?? 'fel'}).`,
      );
    }
  };
  return { cert: read('TLS_CERT', cert), key: read('TLS_KEY', key) };
}

export function configFromEnv(env: NodeJS.ProcessEnv): ServerConfig {
  const production = env.NODE_ENV === 'production';
  return {
    port: number(env, 'PORT', 8080, 65_535),
    // In production only the reverse proxy on the same machine reaches the server unless HOST says otherwise.
    hostname: env.HOST || (production ? '127.0.0.1' : undefined),
    dataDir: env.DATA_DIR || 'data',
    databaseUrl: env.DATABASE_URL || undefined,
    staticDir: env.STATIC_DIR || 'dist',
    trustProxy: isOn(env.TRUST_PROXY),
    production,
    tls: tlsFiles(env),
    shutdownTimeoutMs: number(env, 'SHUTDOWN_TIMEOUT', 30, 3600) * 1000,
    retention: retention(env),
  };
}

function retention(env: NodeJS.ProcessEnv): RetentionPolicy {
  try {
    return retentionFromEnv(env);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}
