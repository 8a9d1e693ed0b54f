import { describe, expect, it } from 'vitest';
import { parsePacketList } from './packet-list';

describe('parsePacketList', () => {
  it("reads MP3 packets with their header from ffprobe's hex dump", () => {
    const json = JSON.stringify({
      packets: [
        {
          pts_time: '0.000000',
          size: '418',
          data: '\n00000000: fffb 9264 3e08 f37c 1544 377c 4000 0000  ...d>..|.D7|@...\n00000010: 0d20',
        },
        // the two intervals overlap on a short part: listed once
        { pts_time: '0.000000', size: '418', data: '\n00000000: fffb 9264' },
        { pts_time: '4.258000', size: '294', data: '\n00000000: fffb 9064 0000  ...d..' },
      ],
    });
    const packets = parsePacketList(json);
    expect(packets).toHaveLength(2);
    expect([...packets[0]!.head!.subarray(0, 4)]).toEqual([0xff, 0xfb, 0x92, 0x64]);
    expect(packets[1]).toMatchObject({ pts: 4.258, size: 294 });
    expect([...packets[1]!.head!]).toEqual([0xff, 0xfb, 0x90, 0x64, 0x00, 0x00]);
    expect(packets[0]!.decoded).toBeUndefined();
  });

  it('marks each packet decoded when a frame follows it', () => {
    const json = JSON.stringify({
      packets_and_frames: [
        { type: 'packet', pts_time: '0.000000', size: '370' },
        { type: 'frame', pts_time: '0.000000' },
        { type: 'packet', pts_time: '6.734000', size: '371' },
        { type: 'frame', pts_time: '6.734000' },
        { type: 'packet', pts_time: '6.757000', size: '220' },
      ],
    });
    expect(parsePacketList(json).map((p) => p.decoded)).toEqual([true, true, false]);
  });
});
