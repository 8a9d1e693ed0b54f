import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirEachTest } from '../../test-support/temp-dir';
import { FEED_TOKEN_PATTERN } from '../../contract/podcast';
import { FeedTokens, feedTokenFile, newFeedToken, readFeedToken } from './feed-token';

let dir: string;
tempDirEachTest('feed-token-', (d) => (dir = d));

describe('feed token', () => {
  it('is 192 random bits in URL-safe base64, different each time', () => {
    const tokens = new Set(Array.from({ length: 50 }, newFeedToken));
    expect(tokens.size).toBe(50);
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(Buffer.from(t, 'base64url')).toHaveLength(24);
      expect(FEED_TOKEN_PATTERN.test(t)).toBe(true);
    }
  });

  it('is made once, stored 0600 in CONFIG_DIR/keys, and read again by a new instance (restart)', async () => {
    const first = new FeedTokens(dir);
    const [a, b] = await Promise.all([first.current(), first.current()]);
    expect(a).toBe(b);
    const file = feedTokenFile(dir);
    expect(file).toBe(join(dir, 'keys', 'feed-token'));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'keys'))).mode & 0o777).toBe(0o700);
    expect((await readFile(file, 'utf8')).trim()).toBe(a);
    expect(await new FeedTokens(dir).current()).toBe(a);
  });

  it('regenerates: the new token replaces the old one', async () => {
    const tokens = new FeedTokens(dir);
    const old = await tokens.current();
    const fresh = await tokens.regenerate();
    expect(fresh).not.toBe(old);
    expect(await tokens.current()).toBe(fresh);
    expect(await readFeedToken(dir)).toBe(fresh);
  });

  it('treats a file that holds no token as none', async () => {
    expect(await readFeedToken(dir)).toBeNull();
    await new FeedTokens(dir).current();
    await writeFile(feedTokenFile(dir), 'short\n');
    expect(await readFeedToken(dir)).toBeNull();
  });
});
