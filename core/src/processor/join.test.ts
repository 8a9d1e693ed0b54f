import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirEachTest } from '../../test-support/temp-dir';
import { appErrorCode } from '../../test-support/app-error-code';
import { AppError } from '../../contract';
import { memoryLogger } from '../ports/logger';
import type { CapturedPart } from '../recorder/types';
import { joinParts, type JoinInput } from './join';
import { fakeRunner, lastArg, probeJson, type FakeCall, type FakeReply } from './test-fakes';

let dir: string;
tempDirEachTest('join-', (d) => (dir = d));

interface FakePart {
  name: string;
  duration: number;
  /** The answer to the check of its ends (part-ends): ffprobe's packet listing. */
  ends?: string;
  codec?: string;
  keep?: number;
  sampleRate?: number;
  profile?: string;
}

async function setup(parts: FakePart[], ffmpegReply: (call: FakeCall) => FakeReply = () => ({})) {
  const byPath = new Map<string, FakePart>();
  const captured: CapturedPart[] = [];
  for (const p of parts) {
    const path = join(dir, p.name);
    await writeFile(path, 'part');
    byPath.set(path, p);
    const c: CapturedPart = {
      path,
      url: 'http://x/',
      codec: p.codec ?? 'mp3',
      startedAt: 0,
      endedAt: 0,
    };
    if (p.keep !== undefined) c.keepSeconds = p.keep;
    captured.push(c);
  }
  const lists: string[] = [];
  const runner = fakeRunner(async (call) => {
    if (call.bin === 'ffprobe') {
      const p = byPath.get(lastArg(call));
      if (!p) return { code: 1, stderr: 'Invalid data found when processing input' };
      if (call.args.includes('-show_packets')) return { stdout: p.ends ?? '{"packets":[]}' };
      return {
        stdout: probeJson({
          duration: p.duration,
          codec: p.codec ?? 'mp3',
          ...(p.sampleRate ? { sampleRate: p.sampleRate } : {}),
          ...(p.profile ? { profile: p.profile } : {}),
        }),
      };
    }
    const i = call.args.indexOf('concat');
    if (i > 0) lists.push(await readFile(call.args[call.args.indexOf('-i') + 1]!, 'utf8'));
    const reply = ffmpegReply(call);
    if ((reply.code ?? 0) === 0) await writeFile(lastArg(call), 'audio');
    return reply;
  });
  const logger = memoryLogger();
  const input: JoinInput = {
    parts: captured,
    workDir: dir,
    bitrateKbps: 192,
    ffmpegPath: 'ffmpeg',
    ffprobePath: 'ffprobe',
    runner,
    logger,
    sessionId: 's-9',
  };
  return { input, runner, lists, logger, paths: captured.map((c) => c.path) };
}

describe('joinParts', () => {
  it('trims heads by stream copy, then joins MP3 by stream copy', async () => {
    const { input, runner, lists, paths } = await setup([
      { name: 'p1.mka', duration: 10, keep: 6 },
      { name: 'p2.mka', duration: 8 },
    ]);
    const result = await joinParts(input);
    expect(result).toMatchObject({ mode: 'copy', copied: true, expectedSeconds: 14, partsUsed: 2 });

    const ffmpegCalls = runner.calls.filter((c) => c.bin === 'ffmpeg');
    expect(ffmpegCalls).toHaveLength(2);
    const trim = ffmpegCalls[0]!.args;
    expect(trim.slice(trim.indexOf('-i'), trim.indexOf('-i') + 4)).toEqual([
      '-i',
      paths[0],
      '-ss',
      '4.000',
    ]);
    const segment = lastArg(ffmpegCalls[0]!);
    expect(segment).toMatch(/join-[0-9a-f]{12}-seg1\.mka$/);
    const joinCall = ffmpegCalls[1]!.args;
    expect(joinCall).toContain('copy');
    expect(joinCall).not.toContain('libmp3lame');
    expect(lists).toEqual([`ffconcat version 1.0\nfile '${segment}'\nfile '${paths[1]}'\n`]);

    // the list and the segment are gone; the parts and the joined audio remain
    expect((await readdir(dir)).sort()).toEqual(
      [result.audioPath.split('/').pop(), 'p1.mka', 'p2.mka'].sort(),
    );
  });

  it('leaves out an incomplete last frame where a connection ended', async () => {
    const frame = (pts: number, size: number, header: string) => ({
      pts_time: pts.toFixed(6),
      size: String(size),
      data: `\n00000000: ${header} 3e08 f37c  ...d>..|`,
    });
    // each part ended inside a 418-byte frame: 294 bytes of it arrived
    const ends = (duration: number) =>
      JSON.stringify({
        packets: [
          frame(0, 418, 'fffb 9264'),
          frame(0.026, 417, 'fffb 9064'),
          frame(duration - 0.052, 418, 'fffb 9264'),
          frame(duration - 0.026, 294, 'fffb 9264'),
        ],
      });
    const { input, runner, lists, logger, paths } = await setup([
      { name: 'p1.mka', duration: 10, keep: 6, ends: ends(10) },
      { name: 'p2.mka', duration: 8, ends: ends(8) },
    ]);
    const result = await joinParts(input);
    // p1 keeps 4.000 .. 9.974, p2 0 .. 7.974
    expect(result.expectedSeconds).toBeCloseTo(5.974 + 7.974, 3);
    const trims = runner.calls.filter((c) => c.bin === 'ffmpeg' && c.args.includes('-ss'));
    expect(
      trims.map((c) => c.args.slice(c.args.indexOf('-i') + 1, c.args.indexOf('-map'))),
    ).toEqual([
      [paths[0], '-ss', '4.000', '-to', '9.974'],
      [paths[1], '-ss', '0.000', '-to', '7.974'],
    ]);
    expect(lists[0]).not.toContain(paths[1]);
    expect(logger.entries.map((e) => e.message)).toContain(
      'Part p1.mka: it ends with an incomplete MP3 frame (294 of 418 bytes); that frame is left out of the join.',
    );
  });

  it('encodes other codecs once at the bitrate', async () => {
    const { input, runner } = await setup([
      { name: 'a.mka', duration: 5, codec: 'aac', profile: 'LC' },
      { name: 'b.mka', duration: 5, codec: 'aac', profile: 'LC' },
    ]);
    const result = await joinParts(input);
    expect(result).toMatchObject({ mode: 'encode', copied: false, expectedSeconds: 10 });
    const calls = runner.calls.filter((c) => c.bin === 'ffmpeg');
    expect(calls).toHaveLength(1); // nothing to trim
    expect(calls[0]!.args.join(' ')).toContain('-c:a libmp3lame -b:a 192k');
  });

  it('counts the error lines the decoder printed while encoding (glitches as received)', async () => {
    const glitch =
      '[aac @ 0x1] decode_band_types: Input buffer exhausted before END element found\n' +
      'Error while decoding stream #0:0: Invalid data found when processing input\n';
    const { input } = await setup([{ name: 'a.mka', duration: 5, codec: 'aac' }], () => ({
      stderr: glitch,
    }));
    expect((await joinParts(input)).decodeErrors).toBe(2);
    const copy = await setup([{ name: 'b.mka', duration: 5 }], () => ({ stderr: glitch }));
    // a stream copy decodes nothing: the validation's decode counts its glitches
    expect((await joinParts(copy.input)).decodeErrors).toBe(0);
  });

  it('joins differing formats with the concat filter', async () => {
    const { input, runner, lists } = await setup([
      { name: 'a.mka', duration: 5 },
      { name: 'b.mka', duration: 5, codec: 'aac', keep: 4 },
    ]);
    const result = await joinParts(input);
    expect(result.mode).toBe('encode-mixed');
    const last = runner.calls.filter((c) => c.bin === 'ffmpeg').at(-1)!;
    expect(last.args).toContain('[0:a:0][1:a:0]concat=n=2:v=0:a=1[joined]');
    expect(lists).toEqual([]);
  });

  it('skips parts with nothing inside the window, and fails when none is left', async () => {
    const { input, logger } = await setup([
      { name: 'a.mka', duration: 5, keep: 0 },
      { name: 'b.mka', duration: 5 },
    ]);
    const result = await joinParts(input);
    expect(result.partsUsed).toBe(1);
    expect(logger.entries.some((e) => e.level === 'warn' && e.message.includes('a.mka'))).toBe(
      true,
    );
    expect(logger.entries.every((e) => e.sessionId === 's-9')).toBe(true);

    const none = await setup([{ name: 'c.mka', duration: 5, keep: 0 }]);
    expect(await appErrorCode(joinParts(none.input))).toBe('RECORDING_EMPTY');
    expect(await appErrorCode(joinParts({ ...none.input, parts: [] }))).toBe('RECORDING_EMPTY');
  });

  it('names an unreadable part and runs no ffmpeg', async () => {
    const { input, runner } = await setup([{ name: 'a.mka', duration: 5 }]);
    const broken = join(dir, 'broken.mka');
    await writeFile(broken, 'junk');
    const parts = [...input.parts, { ...input.parts[0]!, path: broken }];
    await expect(joinParts({ ...input, parts })).rejects.toThrow(/broken\.mka/);
    expect(runner.calls.some((c) => c.bin === 'ffmpeg')).toBe(false);
  });

  it('removes every temp file when ffmpeg fails', async () => {
    const { input } = await setup(
      [
        { name: 'p1.mka', duration: 10, keep: 6 },
        { name: 'p2.mka', duration: 8 },
      ],
      (call) => (call.args.includes('concat') ? { code: 1, stderr: 'boom: bad packet' } : {}),
    );
    await expect(joinParts(input)).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === 'FFMPEG_FAILED' && e.message.includes('boom'),
    );
    expect((await readdir(dir)).sort()).toEqual(['p1.mka', 'p2.mka']);
  });

  it('reports a full disk as DISK_FULL', async () => {
    const { input } = await setup([{ name: 'p1.mka', duration: 10 }], () => ({
      code: 1,
      stderr: 'Error writing trailer: No space left on device',
    }));
    expect(await appErrorCode(joinParts(input))).toBe('DISK_FULL');
    expect(await readdir(dir)).toEqual(['p1.mka']);
  });

  it('refuses relative part paths and bad bitrates', async () => {
    const { input } = await setup([{ name: 'p1.mka', duration: 10 }]);
    expect(
      await appErrorCode(joinParts({ ...input, parts: [{ ...input.parts[0]!, path: 'p1.mka' }] })),
    ).toBe('INTERNAL');
    expect(await appErrorCode(joinParts({ ...input, bitrateKbps: 1000 }))).toBe(
      'VALIDATION_FAILED',
    );
  });
});
