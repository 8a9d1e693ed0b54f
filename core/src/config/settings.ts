import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { AppError, LOG_LEVELS, type LogLevel } from '../../contract';
import { httpUrlProblem } from '../../contract/alerts';

/** Everything the environment can set (shared/spec/api.md, "Environment"). */
export interface Settings {
  webPort: number;
  host: string;
  logLevel: LogLevel;
  maxConcurrentRecordings: number;
  cleanupAfterTransfer: boolean;
  /**
   * Record HTTP(S) MP3 and ADTS AAC streams with the native ICY reader (NATIVE_CAPTURE, default
   * true; ffmpeg still records HLS, RTMP/RTSP, Ogg/Opus/FLAC and any stream the reader cannot
   * lock onto). NATIVE_CAPTURE=false records every stream through ffmpeg.
   */
  nativeCapture: boolean;
  timeZone: string;
  apiKey: string | undefined;
  /** Trusted reverse proxies (addresses or CIDRs): their X-Forwarded-For names the client. */
  trustProxy: string[];
  /** Host names the server answers to besides localhost, 127.0.0.1 and [::1] (loopback only). */
  allowedHosts: string[];
  adminPassword: string | undefined;
  tlsCertFile: string | undefined;
  tlsKeyFile: string | undefined;
  ffmpegPath: string | undefined;
  /** PUBLIC_URL: the web UI's address as users reach it; alerts link to their session there. */
  publicUrl?: string | undefined;
  /** METRICS_TOKEN: a bearer token that reads GET /metrics and nothing else (unset: API key only). */
  metricsToken?: string | undefined;
  dataDir: string;
  recordingsDir: string;
  configDir: string;
  logsDir: string;
  artworkDir: string;
  /** Names of the runtime settings that an environment variable fixes (`lockedByEnv`). */
  lockedByEnv: string[];
}

/** A whole-number environment variable within bounds; undefined when unset. */
export function envInteger(
  env: NodeJS.ProcessEnv,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${name} must be a whole number from ${min} to ${max}, not "${raw}".`,
      { field: name },
    );
  }
  return value;
}

function integer(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  return envInteger(env, name, min, max) ?? fallback;
}

/** A true/false environment variable (1/0, true/false, yes/no, on/off); undefined when unset. */
export function envBoolean(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return undefined;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new AppError('VALIDATION_FAILED', `${name} must be true or false, not "${env[name]}".`, {
    field: name,
  });
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  return envBoolean(env, name) ?? fallback;
}

function timeZone(env: NodeJS.ProcessEnv): string {
  const tz = env.TZ?.trim() || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw new AppError(
      'VALIDATION_FAILED',
      `TZ "${tz}" is not a known IANA time zone (e.g. Europe/Berlin).`,
      { field: 'TZ' },
    );
  }
  return tz;
}

/** The shortest API_KEY accepted: a short key could be guessed. */
export const API_KEY_MIN_LENGTH = 16;

function apiKey(env: NodeJS.ProcessEnv): string | undefined {
  const key = env.API_KEY?.trim();
  if (!key) return undefined;
  if (key.length < API_KEY_MIN_LENGTH) {
    throw new AppError(
      'VALIDATION_FAILED',
      `API_KEY must be at least ${API_KEY_MIN_LENGTH} characters long (it has ${key.length}): use a long random value, e.g. the output of "openssl rand -hex 24", or unset it to have one generated.`,
      { field: 'API_KEY' },
    );
  }
  return key;
}

/** METRICS_TOKEN: at least as long as an API key, one word (it is sent as `Bearer <token>`). */
function metricsToken(env: NodeJS.ProcessEnv): string | undefined {
  const token = env.METRICS_TOKEN?.trim();
  if (!token) return undefined;
  if (token.length < API_KEY_MIN_LENGTH || /\s/.test(token)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `METRICS_TOKEN must be at least ${API_KEY_MIN_LENGTH} characters long without spaces (it has ${token.length}): use a long random value, e.g. the output of "openssl rand -hex 24".`,
      { field: 'METRICS_TOKEN' },
    );
  }
  return token;
}

/** The comma-separated entries of a variable (blanks dropped). */
function list(env: NodeJS.ProcessEnv, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** An IPv4 or IPv6 address, optionally with a /prefix (CIDR). */
function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (version === 4 ? 32 : 128);
}

function trustProxy(env: NodeJS.ProcessEnv): string[] {
  const entries = list(env, 'TRUST_PROXY');
  const bad = entries.find((entry) => !isAddressOrCidr(entry));
  if (bad !== undefined) {
    throw new AppError(
      'VALIDATION_FAILED',
      `TRUST_PROXY must list the addresses or CIDRs of your reverse proxies, separated by commas (e.g. 127.0.0.1,172.16.0.0/12), not "${bad}".`,
      { field: 'TRUST_PROXY' },
    );
  }
  return entries;
}

// a DNS name (letters, digits, hyphens, dots), an IPv4 address, or an IPv6 one in brackets
const HOST_NAME = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;

function allowedHosts(env: NodeJS.ProcessEnv): string[] {
  return list(env, 'ALLOWED_HOSTS').map((entry) => {
    const name = entry.toLowerCase();
    if (isIP(name) === 6) return `[${name}]`;
    if (name.startsWith('[') && name.endsWith(']') && isIP(name.slice(1, -1)) === 6) return name;
    if (name.length <= 253 && HOST_NAME.test(name)) return name;
    throw new AppError(
      'VALIDATION_FAILED',
      `ALLOWED_HOSTS must list host names separated by commas, without scheme or port (e.g. recorder.local,192.168.1.20), not "${entry}".`,
      { field: 'ALLOWED_HOSTS' },
    );
  });
}

/** Where the raw parts of recordings live until processing succeeded: `<DATA_DIR>/parts`. */
/** PUBLIC_URL: an http(s) address (the web UI's, as users reach it), or undefined when unset. */
function publicUrl(env: NodeJS.ProcessEnv): string | undefined {
  const url = env.PUBLIC_URL?.trim();
  if (!url) return undefined;
  const problem = httpUrlProblem(url);
  if (problem) {
    throw new AppError(
      'VALIDATION_FAILED',
      `PUBLIC_URL ${problem} (e.g. https://recorder.example.org).`,
      { field: 'PUBLIC_URL' },
    );
  }
  return url.replace(/\/+$/, '');
}

export function partsDirOf(settings: Pick<Settings, 'dataDir'>): string {
  return resolve(settings.dataDir, 'parts');
}

/**
 * Reads the environment. Folders default to `<base>/data/...` — inside the checkout when run
 * from source (git-ignored); the container sets them to /app/*.
 */
export function loadSettings(
  env: NodeJS.ProcessEnv = process.env,
  base: string = process.cwd(),
): Settings {
  const dir = (name: string, fallback: string) => resolve(base, env[name]?.trim() || fallback);
  const dataDir = dir('DATA_DIR', 'data');
  const logLevel = (env.LOG_LEVEL?.trim().toLowerCase() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new AppError('VALIDATION_FAILED', `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.`, {
      field: 'LOG_LEVEL',
    });
  }
  const lockedByEnv = (
    [
      ['MAX_CONCURRENT_RECORDINGS', 'maxConcurrentRecordings'],
      ['CLEANUP_AFTER_TRANSFER', 'cleanupAfterTransfer'],
      ['LOG_LEVEL', 'logLevel'],
    ] as const
  )
    .filter(([name]) => env[name]?.trim())
    .map(([, key]) => key);
  return {
    webPort: integer(env, 'WEB_PORT', 8666, 1, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    logLevel,
    maxConcurrentRecordings: integer(env, 'MAX_CONCURRENT_RECORDINGS', 3, 1, 100),
    cleanupAfterTransfer: boolean(env, 'CLEANUP_AFTER_TRANSFER', true),
    nativeCapture: boolean(env, 'NATIVE_CAPTURE', true),
    timeZone: timeZone(env),
    apiKey: apiKey(env),
    trustProxy: trustProxy(env),
    allowedHosts: allowedHosts(env),
    adminPassword: env.ADMIN_PASSWORD || undefined,
    tlsCertFile: env.TLS_CERT_FILE?.trim() || undefined,
    tlsKeyFile: env.TLS_KEY_FILE?.trim() || undefined,
    ffmpegPath: env.FFMPEG_PATH?.trim() || undefined,
    publicUrl: publicUrl(env),
    metricsToken: metricsToken(env),
    dataDir,
    recordingsDir: dir('RECORDINGS_DIR', `${dataDir}/recordings`),
    configDir: dir('CONFIG_DIR', `${dataDir}/config`),
    logsDir: dir('LOGS_DIR', `${dataDir}/logs`),
    artworkDir: dir('ARTWORK_DIR', `${dataDir}/artwork`),
    lockedByEnv,
  };
}
