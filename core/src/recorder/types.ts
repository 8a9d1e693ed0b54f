import type { Gap } from '../../contract';

/** One continuous capture from one connection, stream-copied into Matroska (`.mka`). */
export interface CapturedPart {
  /** Absolute path of the part file. Parts never overwrite each other. */
  path: string;
  /** The URL this part was captured from (after playlist resolution). */
  url: string;
  /** ffprobe's codec name of the audio as received: mp3, aac, opus, vorbis, flac, ... */
  codec: string;
  /** Wall-clock ms when this part's audio started to arrive. */
  startedAt: number;
  /** Wall-clock ms when this part stopped (stop requested, or the process ended). */
  endedAt: number;
  /**
   * Seconds of audio at the END of the part that belong to the window: the wall-clock time the
   * part covered inside the window. The processor keeps min(media duration, keepSeconds) from the
   * part's end, which trims the server's connect-time burst ("exact length" in the contract).
   * Audio the server skipped while the part ran (a stall that resumed) is subtracted: it is
   * reported as a gap instead. Undefined for parts salvaged after a crash: keep everything.
   */
  keepSeconds?: number;
}

export interface RecordingResult {
  parts: CapturedPart[];
  gaps: Gap[];
  /** Wall-clock ms of the window actually recorded (start may be later than planned). */
  windowStart: number;
  windowEnd: number;
  /** True when stop() ended the window before its planned end. */
  stoppedEarly: boolean;
  /** The last connection problem seen (ffmpeg's last stderr lines), if any. */
  lastError?: string;
}

/** What a running recording reports (for the session's live view). */
export interface RecordingProgress {
  /** connecting: ffmpeg started, no audio yet; recording: audio arrives; waiting: backing off. */
  state: 'connecting' | 'recording' | 'waiting';
  /** The URL being recorded (after playlist resolution). */
  url: string;
  /** Parts with audio so far, the current one included. */
  parts: number;
  /** Bytes written to part files so far. */
  bytes: number;
  /** Wall-clock seconds of the window elapsed. */
  elapsedSeconds: number;
  /** The connection attempt under way (connecting, recording) or the next one (waiting), 1-based. */
  attempt: number;
  /** Waiting: wall-clock ms when the next attempt starts; else undefined. */
  nextAttemptAt?: number;
  /** Recording: the bit rate of the audio arriving (kb/s), when ffmpeg told media time and size. */
  bitRateKbps?: number;
  /** Why the last attempt ended (the recorder's words with ffmpeg's last lines), if one did. */
  lastError?: string;
}
