/*
 * Packets as ffprobe lists them: where they are, how big, their first bytes, and whether the
 * decoder made audio of them.
 */

/** One audio packet, as ffprobe lists it. */
export interface PacketInfo {
  /** Presentation time in seconds (the file's own timestamps). */
  pts: number;
  size: number;
  /** The packet's first bytes (with `-show_data`). */
  head?: Uint8Array;
  /** Whether decoding it produced an audio frame (undefined: not decoded). */
  decoded?: boolean;
}

interface ProbeEntry {
  type?: string;
  pts_time?: string;
  size?: string;
  data?: string;
}

/** The first bytes of ffprobe's hex dump of a packet (`00000000: fffb 9064 ...  ....`). */
function firstBytes(dump: string | undefined): Uint8Array | undefined {
  const line = dump?.split('\n').find((l) => /^[0-9a-f]{8}:/i.test(l.trim()));
  if (!line) return undefined;
  const hex = line
    .trim()
    .slice(9)
    .split(/\s{2,}/)[0]!
    .replace(/\s+/g, '');
  if (!/^([0-9a-f]{2})+$/i.test(hex)) return undefined;
  return Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
}

/**
 * ffprobe's JSON listing of packets (`-show_packets`, with `-show_data` their first bytes; with
 * `-show_frames` the decoded frames after them) as packets in time order, each marked decoded or
 * not when frames were listed. A packet listed twice (overlapping read intervals) counts once.
 */
export function parsePacketList(json: string): PacketInfo[] {
  const parsed = JSON.parse(json) as {
    packets?: ProbeEntry[];
    packets_and_frames?: ProbeEntry[];
  };
  const entries =
    parsed.packets_and_frames ?? (parsed.packets ?? []).map((p) => ({ ...p, type: 'packet' }));
  const withFrames = parsed.packets_and_frames !== undefined;
  const packets: PacketInfo[] = [];
  for (const entry of entries) {
    if (entry.type === 'frame') {
      const previous = packets[packets.length - 1];
      if (previous) previous.decoded = true;
      continue;
    }
    if (entry.type !== 'packet') continue;
    const pts = Number(entry.pts_time);
    const size = Number(entry.size);
    if (!Number.isFinite(pts) || !Number.isFinite(size)) continue;
    if (packets.some((p) => p.pts === pts)) continue;
    const packet: PacketInfo = { pts, size };
    const head = firstBytes(entry.data);
    if (head) packet.head = head;
    if (withFrames) packet.decoded = false;
    packets.push(packet);
  }
  return packets.sort((a, b) => a.pts - b.pts);
}
