import { describe, expect, it } from 'vitest';
import type { PacketInfo } from '../ffmpeg/packet-list';
import { inspectPartEnds, partEndsArgs, partEndsOf } from './part-ends';
import { fakeRunner } from './test-fakes';

// MPEG-1 Layer III, 128 kb/s, 44.1 kHz: 417 bytes, 418 with padding
const H128 = Uint8Array.from([0xff, 0xfb, 0x90, 0x64]);
const H128PAD = Uint8Array.from([0xff, 0xfb, 0x92, 0x64]);

const mp3 = (pts: number, size: number, head = size > 417 ? H128PAD : H128): PacketInfo => ({
  pts,
  size,
  head,
});

describe('partEndsOf', () => {
  it('finds nothing to cut in a part of whole MP3 frames', () => {
    expect(
      partEndsOf('mp3', [mp3(0, 418), mp3(0.026, 417), mp3(4.206, 418), mp3(4.232, 417)]),
    ).toEqual({ headSkip: 0, notes: [] });
  });

  it('cuts an MP3 part at its last frame when that frame is shorter than its header says', () => {
    const ends = partEndsOf('mp3', [
      mp3(0.019, 418),
      mp3(0.045, 417),
      mp3(4.232, 417),
      mp3(4.258, 294, H128PAD),
    ]);
    // seconds from the part's first packet
    expect(ends.outpoint).toBe(4.239);
    expect(ends.headSkip).toBe(0);
    expect(ends.notes).toEqual(['it ends with an incomplete MP3 frame (294 of 418 bytes)']);
  });

  it('skips an incomplete first MP3 frame up to the second one', () => {
    const ends = partEndsOf('mp3', [mp3(0, 200, H128), mp3(0.026, 418), mp3(9, 417)]);
    expect(ends.headSkip).toBe(0.026);
    expect(ends.outpoint).toBeUndefined();
    expect(ends.notes[0]).toMatch(/starts with an incomplete MP3 frame \(200 of 417 bytes\)/);
  });

  it('keeps packets without a recognizable header (free format, not ours to judge)', () => {
    const odd = Uint8Array.from([0xff, 0xfb, 0x00, 0x64]); // bitrate index 0: free format
    expect(partEndsOf('mp3', [mp3(0, 300, odd), mp3(1, 12, odd)])).toEqual({
      headSkip: 0,
      notes: [],
    });
  });

  const aac = (pts: number, size: number, decoded: boolean): PacketInfo => ({
    pts,
    size,
    decoded,
  });

  it('cuts another codec at a last packet that decodes to nothing', () => {
    const broken = [aac(0, 370, true), aac(6.734, 371, true), aac(6.757, 220, false)];
    expect(partEndsOf('aac', broken, true)).toEqual({
      headSkip: 0,
      outpoint: 6.757,
      notes: ['its last aac packet (220 bytes) does not decode'],
    });
    // it decoded, or nothing decoded at all (then the packet is not what is wrong)
    expect(
      partEndsOf('aac', [aac(0, 370, true), aac(6.757, 220, true)], true).outpoint,
    ).toBeUndefined();
    expect(
      partEndsOf('aac', [aac(0, 370, false), aac(6.757, 220, false)], true).outpoint,
    ).toBeUndefined();
    // no decoder error: a packet without a frame of its own is the decoder's way (Vorbis)
    expect(
      partEndsOf(
        'vorbis',
        broken.map((p) => ({ ...p })),
        false,
      ).outpoint,
    ).toBeUndefined();
  });

  it('skips leading packets of another codec that decode to nothing (a false frame header)', () => {
    const packets = [aac(0, 8176, false), aac(0.023, 362, true), aac(0.046, 380, true)];
    expect(partEndsOf('aac', [...packets, aac(9.9, 370, true)], true)).toEqual({
      headSkip: 0.023,
      notes: ['its first 1 aac packet(s) (8176 bytes) do not decode'],
    });
    // nothing of the head decodes: not for this check to cut (the recorder keeps no such part)
    const dead = Array.from({ length: 8 }, (_, i) => aac(i * 0.023, 370, false));
    expect(partEndsOf('aac', [...dead, aac(9.9, 370, true)], true).headSkip).toBe(0);
  });

  it('needs two packets to judge', () => {
    expect(partEndsOf('mp3', [])).toEqual({ headSkip: 0, notes: [] });
    expect(partEndsOf('mp3', [mp3(0, 100)])).toEqual({ headSkip: 0, notes: [] });
  });
});

describe('partEndsArgs', () => {
  it('reads the first packets and the tail only: bytes for MP3, decoded frames otherwise', () => {
    const args = partEndsArgs('/p/part-001.mka', 'mp3', 3598.5);
    expect(args).toContain('-show_data');
    expect(args).not.toContain('-show_frames');
    expect(args[args.indexOf('-read_intervals') + 1]).toBe('%+#8,3598.500%');
    expect(args[args.length - 1]).toBe('/p/part-001.mka');
    const aac = partEndsArgs('/p/part-001.mka', 'aac', undefined);
    expect(aac).toContain('-show_frames');
    expect(aac).not.toContain('-read_intervals');
  });

  it('seeks to the last 2 s of a long part; a short one is read whole', async () => {
    const runner = fakeRunner(() => ({ stdout: '{"packets":[]}' }));
    await inspectPartEnds(runner, 'ffprobe', '/p/a.mka', 'mp3', {
      mediaSeconds: 3600,
      startSeconds: 0.5,
    });
    await inspectPartEnds(runner, 'ffprobe', '/p/b.mka', 'mp3', {
      mediaSeconds: 3,
      startSeconds: 0,
    });
    expect(runner.calls[0]!.args).toContain('%+#8,3598.500%');
    expect(runner.calls[1]!.args).not.toContain('-read_intervals');
  });

  it('takes a part ffprobe cannot read as whole', async () => {
    const runner = fakeRunner(() => ({ code: 1, stderr: 'Invalid data' }));
    await expect(
      inspectPartEnds(runner, 'ffprobe', '/p/a.mka', 'mp3', { mediaSeconds: 10, startSeconds: 0 }),
    ).resolves.toEqual({ headSkip: 0, notes: [] });
  });
});
