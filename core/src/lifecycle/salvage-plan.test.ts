import { describe, expect, it } from 'vitest';
import type { PartMedia } from '../recorder/inspect-part';
import { describeSkipped, planSalvage, type PartFileInfo, type SalvagePorts } from './salvage-plan';

const S = Date.parse('2026-11-24T06:00:00.000Z');
const E = S + 20_000;
const dir = '/parts/s1';

function ports(
  files: (Omit<PartFileInfo, 'path'> & { media?: PartMedia })[],
): SalvagePorts & { cuts: { path: string; seconds: number; endsAt: number }[] } {
  const cuts: { path: string; seconds: number; endsAt: number }[] = [];
  const byPath = new Map(
    files.map((f) => [`${dir}/part-${String(f.number).padStart(3, '0')}.mka`, f]),
  );
  return {
    cuts,
    listParts: async () =>
      [...byPath.entries()].map(([path, f]) => ({
        path,
        number: f.number,
        size: f.size,
        mtimeMs: f.mtimeMs,
      })),
    inspect: async (path) => byPath.get(path)?.media,
    cutTail: async (path, seconds, endsAt) => {
      cuts.push({ path, seconds, endsAt });
    },
  };
}

describe('planSalvage', () => {
  it("keeps each part's wall-clock time in the window, which cuts the connect burst", async () => {
    // connected 2 s before the window with a 4 s burst; killed 6 s into the window
    const p = ports([
      { number: 1, size: 1000, mtimeMs: S + 6000, media: { codec: 'mp3', seconds: 12 } },
    ]);
    const plan = await planSalvage({ partsDir: dir, windowStart: S, windowEnd: E }, p);
    expect(plan.parts).toEqual([
      expect.objectContaining({
        path: `${dir}/part-001.mka`,
        codec: 'mp3',
        endedAt: S + 6000,
        keepSeconds: 6,
      }),
    ]);
    expect(plan.endedAt).toBe(S + 6000);
    expect(plan.gaps).toEqual([]);
    expect(p.cuts).toEqual([]);
  });

  it('orders parts by number, skips empty and unreadable ones, and finds the gap between', async () => {
    const p = ports([
      { number: 10, size: 500, mtimeMs: S + 15_000, media: { codec: 'mp3', seconds: 7 } },
      { number: 2, size: 500, mtimeMs: S + 5000, media: { codec: 'mp3', seconds: 5 } },
      { number: 3, size: 0, mtimeMs: S + 6000 },
      { number: 4, size: 300, mtimeMs: S + 7000 },
    ]);
    const plan = await planSalvage({ partsDir: dir, windowStart: S, windowEnd: E }, p);
    expect(plan.parts.map((x) => [x.path.slice(-12), x.keepSeconds])).toEqual([
      ['part-002.mka', 5],
      ['part-010.mka', 10],
    ]);
    // part 10 covers 5..15 s but holds 7 s of audio: 3 s missing where the outage was
    expect(plan.gaps).toEqual([{ at: new Date(S + 5000).toISOString(), seconds: 3 }]);
    expect(describeSkipped(plan.skipped)).toBe(
      'part-003.mka (empty), part-004.mka (no readable audio)',
    );
  });

  it('cuts back a part an orphaned ffmpeg went on writing past the window', async () => {
    // the window ended 100 s before the orphan was stopped; 124 s of media (4 s burst)
    const p = ports([
      { number: 1, size: 9000, mtimeMs: E + 100_000, media: { codec: 'aac', seconds: 124 } },
    ]);
    const plan = await planSalvage({ partsDir: dir, windowStart: S, windowEnd: E }, p);
    expect(p.cuts).toEqual([{ path: `${dir}/part-001.mka`, seconds: 24, endsAt: E }]);
    expect(plan.parts[0]).toMatchObject({ endedAt: E, keepSeconds: 20 });
    expect(plan.endedAt).toBe(E);
  });

  it('leaves a part that ended before the window opened, and finds nothing in an empty folder', async () => {
    const p = ports([
      { number: 1, size: 100, mtimeMs: S - 1000, media: { codec: 'mp3', seconds: 2 } },
    ]);
    const plan = await planSalvage({ partsDir: dir, windowStart: S, windowEnd: E }, p);
    expect(plan.parts).toEqual([]);
    expect(plan.endedAt).toBeUndefined();
    expect(plan.skipped).toEqual([
      { path: `${dir}/part-001.mka`, why: 'recorded before the window' },
    ]);
    const none = await planSalvage({ partsDir: dir, windowStart: S, windowEnd: E }, ports([]));
    expect(none).toEqual({ parts: [], gaps: [], endedAt: undefined, skipped: [] });
  });
});
