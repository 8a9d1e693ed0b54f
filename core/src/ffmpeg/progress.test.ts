import { describe, expect, it } from 'vitest';
import { createProgressParser, type ProgressReport } from './progress';

const BLOCK = `bitrate= 171.4kbits/s
total_size=557
out_time_us=26000
out_time_ms=26000
out_time=00:00:00.026000
dup_frames=0
drop_frames=0
speed=N/A
progress=continue
`;

describe('createProgressParser', () => {
  it('reports one block at a time, however the chunks are cut', () => {
    const seen: ProgressReport[] = [];
    const feed = createProgressParser((r) => seen.push(r));
    const text = BLOCK + BLOCK.replace('26000', '4180000').replace('continue', 'end');
    for (let i = 0; i < text.length; i += 7) feed(text.slice(i, i + 7));
    expect(seen).toEqual([
      { outTimeSeconds: 0.026, totalSize: 557, progress: 'continue' },
      { outTimeSeconds: 4.18, totalSize: 557, progress: 'end' },
    ]);
  });

  it('treats N/A and negative times as unknown (0)', () => {
    const seen: ProgressReport[] = [];
    const feed = createProgressParser((r) => seen.push(r));
    feed('total_size=N/A\nout_time_us=N/A\nprogress=continue\n');
    feed('out_time_us=-9223372036854775807\nprogress=continue\n');
    feed('out_time_ms=2000000\nprogress=continue\r\n');
    expect(seen.map((r) => r.outTimeSeconds)).toEqual([0, 0, 2]);
    expect(seen[0]!.totalSize).toBe(0);
  });

  it('ignores junk lines and survives a runaway line', () => {
    const seen: ProgressReport[] = [];
    const feed = createProgressParser((r) => seen.push(r));
    feed('garbage\n=x\n');
    feed('y'.repeat(70_000));
    feed('\nout_time_us=1000000\nprogress=continue\n');
    expect(seen).toEqual([{ outTimeSeconds: 1, totalSize: 0, progress: 'continue' }]);
  });
});
