import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../contract';
import { createLogger, memoryLogger } from './logger';

describe('createLogger', () => {
  it('makes every entry without URL credentials, whatever the sink', () => {
    const seen: LogEntry[] = [];
    const logger = createLogger((e) => seen.push(e), 'debug');
    logger.warn('Connecting to http://listener:s3cret@127.0.0.1:8000/live.mp3 failed', {
      sessionId: 's1',
    });
    logger.debug("[http @ 0x1] Opening 'https://u:s3cret@h/x' for reading");
    expect(seen.map((e) => e.message)).toEqual([
      'Connecting to http://[redacted]@127.0.0.1:8000/live.mp3 failed',
      "[http @ 0x1] Opening 'https://[redacted]@h/x' for reading",
    ]);
    expect(seen[0]?.sessionId).toBe('s1');
    const memory = memoryLogger();
    memory.error('http://a:s3cret@b/c');
    expect(JSON.stringify(memory.entries)).not.toContain('s3cret');
  });

  it('drops entries below the level', () => {
    const seen: LogEntry[] = [];
    const logger = createLogger((e) => seen.push(e), 'warn');
    logger.info('not kept');
    logger.error('kept');
    expect(seen.map((e) => e.message)).toEqual(['kept']);
  });
});
