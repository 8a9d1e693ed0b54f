import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer';

describe('RingBuffer', () => {
  it('answers newest first and keeps only the last `capacity` items', () => {
    const ring = new RingBuffer<number>(3);
    expect([...ring.newestFirst()]).toEqual([]);
    ring.push(1);
    ring.push(2);
    expect([...ring.newestFirst()]).toEqual([2, 1]);
    for (let i = 3; i <= 10; i++) ring.push(i);
    expect([...ring.newestFirst()]).toEqual([10, 9, 8]);
    expect(ring.size).toBe(3);
  });

  it('refuses a capacity below 1', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
  });
});
