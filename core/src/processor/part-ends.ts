import { parsePacketList, type PacketInfo } from '../ffmpeg/packet-list';
import { runToCompletion, type ProcessRunner } from '../ffmpeg/process';
import { mp3FrameLength } from '../audio-frames/mp3-frame-header';

/*
 * A part ends where its connection ended, and a connection that closes inside a frame leaves a
 * truncated last packet: ffmpeg's demuxer hands the bytes it had as one more packet, and the
 * capture stores it as it came. Stream-copied into the joined MP3, the frame's header still
 * announces its full length, so the MP3 reader takes the missing bytes from the next part's first
 * frame ("Header missing" and a resync at every junction). Re-encoded codecs (AAC, ...) fail to
 * decode such a packet ("Input buffer exhausted before END element found").
 *
 * The head of a part can be broken too: a server's connect burst starts anywhere in a frame.
 * ffmpeg's MP3 reader resyncs on a run of whole frames (a partial first frame was not seen), but
 * its ADTS (AAC) reader takes the first 12-bit sync word it meets, so its first packet can be
 * made of the burst's partial frame and whatever follows. (The capture leaves a connection's
 * first 0.1 s out for that reason, see HEAD_DROP_SECONDS; this check is the second line.)
 *
 * The check reads only both ends of a part (its first packets and its last ~2 s, where ffprobe
 * seeks by the part's index), never the whole file:
 *   - MP3: a packet shorter than the frame length its header announces is incomplete;
 *   - other codecs, when the decoder reported errors: leading packets that decode to nothing,
 *     and a last packet that decodes to nothing, are incomplete.
 */

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
/** Packets read at a part's head. */
export const HEAD_PACKETS = 8;

function incompleteMp3(p: PacketInfo | undefined): string | undefined {
  if (!p?.head) return undefined;
  const length = mp3FrameLength(p.head);
  return length !== undefined && p.size < length ? `${p.size} of ${length} bytes` : undefined;
}

/**
 * Where the whole packets of a part begin and end, from its packets in order (the first
 * HEAD_PACKETS and those of its tail; see partEndsArgs). `decoderErrors`: the decoder reported
 * errors while listing them (other codecs than MP3). Pure.
 */
export function partEndsOf(
  codec: string,
  packets: readonly PacketInfo[],
  decoderErrors = false,
): PartEnds {
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
  } else if (decoderErrors) {
    const firstDecoded = packets.findIndex((p) => p.decoded === true);
    // decoding starts among the head packets: what comes before it is the partial frame
    if (firstDecoded > 0 && firstDecoded < HEAD_PACKETS) {
      headSkip = packets[firstDecoded]!.pts - origin;
      notes.push(
        `its first ${firstDecoded} ${codec} packet(s) (${packets
          .slice(0, firstDecoded)
          .reduce((n, p) => n + p.size, 0)} bytes) do not decode`,
      );
    }
    if (last.decoded === false && firstDecoded >= 0 && last !== packets[firstDecoded]) {
      outpoint = last.pts - origin;
      notes.push(`its last ${codec} packet (${last.size} bytes) does not decode`);
    }
  }
  const ends: PartEnds = { headSkip: round3(headSkip), notes };
  if (outpoint !== undefined) ends.outpoint = round3(outpoint);
  return ends;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * ffprobe arguments listing a part's first HEAD_PACKETS packets and the packets from `tailFrom` seconds
 * (absolute timestamp; undefined: the part is short, list them all). MP3 packets come with their
 * bytes (for the frame header); other codecs are decoded, their frames listed after the packets.
 */
export function partEndsArgs(path: string, codec: string, tailFrom: number | undefined): string[] {
  const mp3 = codec === 'mp3';
  return [
    ...['-v', 'error', '-select_streams', 'a:0'],
    ...(tailFrom === undefined
      ? []
      : ['-read_intervals', `%+#${HEAD_PACKETS},${tailFrom.toFixed(3)}%`]),
    '-show_packets',
    ...(mp3 ? ['-show_data'] : ['-show_frames']),
    '-show_entries',
    mp3 ? 'packet=pts_time,size,data' : 'packet=pts_time,size:frame=pts_time',
    ...['-of', 'json', path],
  ];
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
    return partEndsOf(codec, parsePacketList(run.stdout), run.stderr.trim() !== '');
  } catch {
    return { headSkip: 0, notes: [] };
  }
}
