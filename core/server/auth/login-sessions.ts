import { join } from 'node:path';
import { authDir, readSecret, writeSecret } from './secret-files';
import { randomToken, sha256 } from './tokens';

/** A browser login: kept by the hash of its cookie token, with its CSRF token and expiry. */
export interface LoginSession {
  tokenHash: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

/** Where the logins are persisted (so a restart logs nobody out). */
export interface LoginSessionStore {
  load(): Promise<LoginSession[]>;
  save(sessions: readonly LoginSession[]): Promise<void>;
}

const DAY = 24 * 60 * 60 * 1000;
/** A login lasts 7 days from its last renewal; use renews it at most once a day. */
export const LOGIN_TTL_MS = 7 * DAY;
export const LOGIN_RENEW_INTERVAL_MS = DAY;
/** At most this many logins are kept; the oldest goes first. */
export const MAX_LOGIN_SESSIONS = 50;

/**
 * The logins of the web UI. The cookie carries a random 256-bit token; only its SHA-256 is kept,
 * so the file cannot be replayed as cookies. Expired logins are dropped when the list is saved.
 */
export class LoginSessions {
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly store: LoginSessionStore,
    private readonly now: () => number,
    private sessions: LoginSession[],
  ) {}

  static async open(
    store: LoginSessionStore,
    now: () => number = Date.now,
  ): Promise<LoginSessions> {
    const t = now();
    return new LoginSessions(
      store,
      now,
      (await store.load()).filter((s) => s.expiresAt > t),
    );
  }

  /** A new login: its cookie token (returned once, never stored) and its CSRF token. */
  async create(): Promise<{ token: string; session: LoginSession }> {
    const token = randomToken(32);
    const t = this.now();
    const session: LoginSession = {
      tokenHash: sha256(token),
      csrfToken: randomToken(32),
      createdAt: t,
      expiresAt: t + LOGIN_TTL_MS,
    };
    this.sessions = [...this.live(), session].slice(-MAX_LOGIN_SESSIONS);
    await this.persist();
    return { token, session };
  }

  /** The live login of a cookie token, if any. */
  find(token: string): LoginSession | undefined {
    if (!token) return undefined;
    const hash = sha256(token);
    const t = this.now();
    return this.sessions.find((s) => s.tokenHash === hash && s.expiresAt > t);
  }

  /** Extends a login in use to a full TTL again, at most once a day; true when it did. */
  async renewIfDue(session: LoginSession): Promise<boolean> {
    const t = this.now();
    if (session.expiresAt - t > LOGIN_TTL_MS - LOGIN_RENEW_INTERVAL_MS) return false;
    session.expiresAt = t + LOGIN_TTL_MS;
    await this.persist();
    return true;
  }

  async remove(session: LoginSession): Promise<void> {
    this.sessions = this.sessions.filter((s) => s !== session);
    await this.persist();
  }

  /** Logs out every login but `keep` (after a password change). */
  async removeAllExcept(keep?: LoginSession): Promise<void> {
    this.sessions = this.sessions.filter((s) => s === keep);
    await this.persist();
  }

  get count(): number {
    return this.live().length;
  }

  private live(): LoginSession[] {
    const t = this.now();
    return this.sessions.filter((s) => s.expiresAt > t);
  }

  private persist(): Promise<void> {
    const snapshot = this.live().map((s) => ({ ...s }));
    this.writes = this.writes.catch(() => undefined).then(() => this.store.save(snapshot));
    return this.writes;
  }
}

function isLoginSession(value: unknown): value is LoginSession {
  const v = value as Partial<LoginSession> | null;
  return (
    typeof v?.tokenHash === 'string' &&
    typeof v.csrfToken === 'string' &&
    typeof v.createdAt === 'number' &&
    typeof v.expiresAt === 'number'
  );
}

/** The logins as JSON in CONFIG_DIR/auth/login-sessions.json (0600); a damaged file is empty. */
export function fileLoginSessionStore(configDir: string): LoginSessionStore {
  const file = join(authDir(configDir), 'login-sessions.json');
  return {
    async load() {
      const text = await readSecret(file);
      if (!text) return [];
      try {
        const parsed = JSON.parse(text) as { sessions?: unknown };
        return Array.isArray(parsed.sessions) ? parsed.sessions.filter(isLoginSession) : [];
      } catch {
        return [];
      }
    },
    save: (sessions) => writeSecret(file, `${JSON.stringify({ version: 1, sessions }, null, 1)}\n`),
  };
}
