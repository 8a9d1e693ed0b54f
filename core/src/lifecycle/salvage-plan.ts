import { basename } from 'node:path';
import type { Gap } from '../../contract';
import { computeGaps, coverageOf } from '../recorder/gaps';
import type { PartMedia } from '../recorder/inspect-part';
import type { CapturedPart } from '../recorder/types';

/** A part file as found on disk. */
export interface PartFileInfo {
  path: string;
  /** NNN of `part-NNN.mka`: the order of capture. */
  number: number;
  size: number;
  /** Last write: when the part stopped covering the window. */
  mtimeMs: number;
}

export interface SalvagePorts {
  /** The `part-NNN.mka` files of a folder ([] when it does not exist). */
  listParts(dir: string): Promise<PartFileInfo[]>;
  /** Codec and media seconds; undefined when the file holds no readable audio. */
  inspect(path: string): Promise<PartMedia | undefined>;
  /** Keeps only the first `seconds` of the part (stream copy, replaced atomically), dated `endsAt`. */
  cutTail(path: string, seconds: number, endsAt: number): Promise<void>;
}

export interface SalvagePlan {
  /** The usable parts, in order, each with the seconds of the window it covered. */
  parts: CapturedPart[];
  /** Gaps between the window's start and the end of the last part. */
  gaps: Gap[];
  /** Wall-clock ms when the last usable part stopped (undefined: no part). */
  endedAt: number | undefined;
  skipped: { path: string; why: string }[];
}

/** An orphan's part ending later than the window's end by more than this is cut at the end. */
export const TAIL_TOLERANCE_MS = 1500;
/** Less media than this is nothing (one MP3 frame is 26 ms). */
const MIN_SECONDS = 0.05;

/**
 * What can be made of the parts left in a folder by a run that did not finish: the readable parts
 * in capture order (empty or unreadable ones are skipped), each keeping the wall-clock time it
 * covered inside [windowStart, windowEnd] — dated by the file's last write — like the recorder
 * does, so the server's connect-time burst is cut from its head. A part that an orphaned ffmpeg
 * went on writing past the window's end is first cut back to the window's end.
 */
export async function planSalvage(
  input: { partsDir: string; windowStart: number; windowEnd: number },
  ports: SalvagePorts,
): Promise<SalvagePlan> {
  const skipped: SalvagePlan['skipped'] = [];
  const found = (await ports.listParts(input.partsDir)).sort((a, b) => a.number - b.number);
  const usable: { path: string; codec: string; seconds: number; endedAt: number }[] = [];
  for (const file of found) {
    if (file.size === 0) {
      skipped.push({ path: file.path, why: 'empty' });
      continue;
    }
    const media = await ports.inspect(file.path);
    if (!media || media.seconds < MIN_SECONDS) {
      skipped.push({ path: file.path, why: 'no readable audio' });
      continue;
    }
    let { seconds } = media;
    let endedAt = file.mtimeMs;
    if (endedAt > input.windowEnd + TAIL_TOLERANCE_MS) {
      // media runs in real time after the burst: the window's end is this far before the end
      const keepFirst = seconds - (endedAt - input.windowEnd) / 1000;
      if (keepFirst < MIN_SECONDS) {
        skipped.push({ path: file.path, why: 'recorded after the window' });
        continue;
      }
      await ports.cutTail(file.path, keepFirst, input.windowEnd);
      seconds = keepFirst;
    }
    endedAt = Math.min(endedAt, input.windowEnd);
    usable.push({ path: file.path, codec: media.codec, seconds, endedAt });
  }
  const coverage = coverageOf(usable, input.windowStart);
  const parts: CapturedPart[] = [];
  const spans: { endedAt: number; mediaSeconds: number }[] = [];
  usable.forEach((u, i) => {
    const { keepSeconds } = coverage[i]!;
    if (keepSeconds < MIN_SECONDS) {
      skipped.push({ path: u.path, why: 'recorded before the window' });
      return;
    }
    parts.push({
      path: u.path,
      url: '',
      codec: u.codec,
      startedAt: u.endedAt - u.seconds * 1000,
      endedAt: u.endedAt,
      keepSeconds,
    });
    spans.push({ endedAt: u.endedAt, mediaSeconds: u.seconds });
  });
  const endedAt = parts.length > 0 ? parts[parts.length - 1]!.endedAt : undefined;
  const gaps = endedAt === undefined ? [] : computeGaps(spans, input.windowStart, endedAt);
  return { parts, gaps, endedAt, skipped };
}

/** "part-002.mka (empty), part-003.mka (no readable audio)". */
export function describeSkipped(skipped: SalvagePlan['skipped']): string {
  return skipped.map((s) => `${basename(s.path)} (${s.why})`).join(', ');
}
