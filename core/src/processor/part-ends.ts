import { runToCompletion, type ProcessRunner } from '../ffmpeg/process';
import { mp3FrameLength } from './mp3-frame-header';

/*
 * A part ends where its connection ended, and a connection that closes inside a frame leaves a
 * truncated last packet: ffmpeg's demuxer hands the bytes it had as one more packet, and the
 * capture stores it as it came. Stream-copied into the joined MP3, the frame's header still
 * announces its full length, so the MP3 reader takes the missing bytes from the next part's first
 * frame ("Header missing" and a resync at every junction). Re-encoded codecs (AAC, ...) fail to
 * decode such a packet ("Input buffer exhausted before END element found").
 *
 * The check reads only both ends of a part (the first packets and the last ~2 s, where ffprobe
 * seeks by the part's index), never the whole file:
 *   - MP3: a packet shorter than the frame length its header announces is incomplete;
 *   - other codecs: the last packet is incomplete when decoding it yields no audio frame.
 * The head is checked the same way for MP3 (ffmpeg's MP3 reader resyncs on a whole frame at the
 * start of a connection, so a partial first frame is not expected; the check costs nothing).
 */

/** One audio packet of a part, as ffprobe lists it. */
export interface PartPacket {
  /** Presentation time in seconds (the part's own timestamps). */
  pts: number;
  size: number;
  /** The packet's first bytes (MP3: its frame header). */
  head?: Uint8Array;
  /** Whether decoding it produced an audio frame (undefined: not decoded). */
  decoded?: boolean;
}

export interface PartEnds {
  /** Seconds from the part's first packet before which nothing is kept (0: the head is whole). */
  headSkip: number;
  /** Seconds from the part's first packet at which its whole packets end (undefined: at its end). */
  outpoint?: number;
  /** What was found, for the log. */
  notes: string[];
}

/** Seconds before its end from which a part's tail is read (clusters hold ~1 s). */
export const TAIL_SECONDS = 2;

function incompleteMp3(p: PartPacket | undefined): string | undefined {
  if (!p?.head) return undefined;
  const length = mp3FrameLength(p.head);
  return length !== undefined && p.size < length ? `${p.size} of ${length} bytes` : undefined;
}

/**
 * Where the whole packets of a part begin and end, from its packets in order (the first two and
 * those of its tail; see partEndsArgs). Pure.
 */
export function partEndsOf(codec: string, packets: readonly PartPacket[]): PartEnds {
  const notes: string[] = [];
  const first = packets[0];
  const last = packets[packets.length - 1];
  if (!first || !last || packets.length < 2) return { headSkip: 0, notes };
  const origin = first.pts;
  let headSkip = 0;
  let outpoint: number | undefined;
  if (codec === 'mp3') {
    const head = incompleteMp3(first);
    if (head) {
      headSkip = packets[1]!.pts - origin;
      notes.push(`it starts with an incomplete MP3 frame (${head})`);
    }
    const tail = incompleteMp3(last);
    if (tail) {
      outpoint = last.pts - origin;
      notes.push(`it ends with an incomplete MP3 frame (${tail})`);
    }
  } else if (last.decoded === false && packets.some((p) => p.decoded === true)) {
    outpoint = last.pts - origin;
    notes.push(`its last ${codec} packet (${last.size} bytes) does not decode`);
  }
  const ends: PartEnds = { headSkip: round3(headSkip), notes };
  if (outpoint !== undefined) ends.outpoint = round3(outpoint);
  return ends;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * ffprobe arguments listing a part's first two packets and the packets from `tailFrom` seconds
 * (absolute timestamp; undefined: the part is short, list them all). MP3 packets come with their
 * bytes (for the frame header); other codecs are decoded, their frames listed after the packets.
 */
export function partEndsArgs(path: string, codec: string, tailFrom: number | undefined): string[] {
  const mp3 = codec === 'mp3';
  return [
    ...['-v', 'error', '-select_streams', 'a:0'],
    ...(tailFrom === undefined ? [] : ['-read_intervals', `%+#2,${tailFrom.toFixed(3)}%`]),
    '-show_packets',
    ...(mp3 ? ['-show_data'] : ['-show_frames']),
    '-show_entries',
    mp3 ? 'packet=pts_time,size,data' : 'packet=pts_time,size:frame=pts_time',
    ...['-of', 'json', path],
  ];
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

/** Parses partEndsArgs' JSON into packets in order, each marked decoded or not (when decoded). */
export function parsePartEnds(json: string): PartPacket[] {
  const parsed = JSON.parse(json) as {
    packets?: ProbeEntry[];
    packets_and_frames?: ProbeEntry[];
  };
  const entries =
    parsed.packets_and_frames ?? (parsed.packets ?? []).map((p) => ({ ...p, type: 'packet' }));
  const withFrames = parsed.packets_and_frames !== undefined;
  const packets: PartPacket[] = [];
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
    // the two read intervals overlap on a short part: list each packet once
    if (packets.some((p) => p.pts === pts)) continue;
    const packet: PartPacket = { pts, size };
    const head = firstBytes(entry.data);
    if (head) packet.head = head;
    if (withFrames) packet.decoded = false;
    packets.push(packet);
  }
  return packets.sort((a, b) => a.pts - b.pts);
}

/**
 * Finds an incomplete first or last frame of a part (see the top of this file). `mediaSeconds`
 * and `startSeconds` are the part's duration and start time as ffprobe gave them. A part that
 * cannot be read this way is taken as whole (the join reports what is wrong with it).
 */
export async function inspectPartEnds(
  runner: ProcessRunner,
  ffprobe: string,
  path: string,
  codec: string,
  media: { mediaSeconds: number; startSeconds: number },
): Promise<PartEnds> {
  const tailFrom =
    media.mediaSeconds > TAIL_SECONDS * 2
      ? media.startSeconds + media.mediaSeconds - TAIL_SECONDS
      : undefined;
  const run = await runToCompletion(runner, ffprobe, partEndsArgs(path, codec, tailFrom), {
    timeoutMs: 60_000,
  });
  if (run.code !== 0) return { headSkip: 0, notes: [] };
  try {
    return partEndsOf(codec, parsePartEnds(run.stdout));
  } catch {
    return { headSkip: 0, notes: [] };
  }
}
