import { describe, expect, it } from 'vitest';
import { formatComment, formatEvent, formatRetry } from './sse-format';

describe('SSE format', () => {
  it('writes an event as its name and one line of JSON, ended by a blank line', () => {
    const text = formatEvent('session', { id: 's1', errorMessage: 'line 1\nline 2 <b>' });
    expect(text).toBe(
      'event: session\ndata: {"id":"s1","errorMessage":"line 1\\nline 2 \\u003cb\\u003e"}\n\n',
    );
    expect(text.split('\n').filter((l) => l.startsWith('data:'))).toHaveLength(1);
  });

  it('refuses an event name with a line break', () => {
    expect(() => formatEvent('a\nb', {})).toThrow();
  });

  it('writes comments and the retry hint', () => {
    expect(formatComment('heartbeat')).toBe(': heartbeat\n\n');
    expect(formatComment('a\nb')).toBe(': a b\n\n');
    expect(formatRetry(3000)).toBe('retry: 3000\n\n');
  });
});
