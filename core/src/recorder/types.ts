import type { Gap } from '../../contract';
import type { TrackMark } from '../../contract/tracks';

/**
 * One continuous capture from one connection: stream-copied by ffmpeg into Matroska (`.mka`), or
 * written by the native reader as whole frames without a container (`.mp3` for MPEG audio Layer
 * III, `.aac` for ADTS AAC; the first byte starts a frame, the last ends one).
 */
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
  /**
   * A native part: the exact seconds of audio in the file (from its frames; ffprobe only
   * estimates the duration of a file without a container).
   */
  mediaSeconds?: number;
  /** A native part: frames in the file. */
  frames?: number;
  /**
   * A native part: frames at its head to leave out (the connect burst before the window, trimmed
   * by frame count); `keepSeconds` is then exactly the frames after them.
   */
  skipFrames?: number;
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
  /** The titles the station sent (native captures of ICY streams), in the window, in order. */
  tracks: TrackMark[];
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
