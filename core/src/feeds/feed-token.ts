import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FEED_TOKEN_PATTERN } from '../../contract/podcast';
import { keysDir, stageSecret } from '../operations/key-store';

/**
 * The podcast feeds' token: the one secret in every feed URL (podcast apps cannot log in). It
 * lives like the app's other secrets, a 0600 file in CONFIG_DIR/keys (never in the database),
 * survives restarts, and travels in backups so a restore keeps the same URLs.
 */
export function feedTokenFile(configDir: string): string {
  return join(keysDir(configDir), 'feed-token');
}

/** A new token: 192 random bits, URL-safe base64 (32 characters). */
export function newFeedToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The stored token, or null when none is stored (or the file holds no token). */
export async function readFeedToken(configDir: string): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(feedTokenFile(configDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const token = text.trim();
  return FEED_TOKEN_PATTERN.test(token) ? token : null;
}

/** Writes `token` in place (0600, atomically: written beside and renamed). */
export async function writeFeedToken(configDir: string, token: string): Promise<void> {
  await (await stageSecret(configDir, feedTokenFile(configDir), `${token}\n`)).commit();
}

/**
 * The current token; the first call of an installation makes one and stores it. Calls made at
 * once share that one creation.
 */
export class FeedTokens {
  private creating: Promise<string> | null = null;

  constructor(private readonly configDir: string) {}

  async current(): Promise<string> {
    const stored = await readFeedToken(this.configDir);
    if (stored) return stored;
    this.creating ??= this.create().finally(() => {
      this.creating = null;
    });
    return this.creating;
  }

  /** A new token in place of the old one: the old URLs stop working at once. */
  async regenerate(): Promise<string> {
    const token = newFeedToken();
    await writeFeedToken(this.configDir, token);
    return token;
  }

  private async create(): Promise<string> {
    const again = await readFeedToken(this.configDir);
    if (again) return again;
    const token = newFeedToken();
    await writeFeedToken(this.configDir, token);
    return token;
  }
}
