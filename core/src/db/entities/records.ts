import type { SessionDto } from '../../../contract';
import type { StopReason } from '../../../contract';
import type { Podcast } from '../../../contract/podcast';

/** Row shapes as stored. Times are ISO-8601 UTC strings. Secrets never leave core/src. */
export interface DestinationRecord {
  id: string;
  name: string;
  host: string;
  port: number;
  username: string;
  remoteDir: string;
  /** A key file the user pointed at. */
  privateKeyPath: string | null;
  /** A PEM the user uploaded, stored by us with 0600 permissions under CONFIG_DIR/keys. */
  storedKeyFile: string | null;
  /** The key's passphrase, stored by us with 0600 permissions under CONFIG_DIR/keys (never in the database). */
  passphraseFile: string | null;
  hostKeyFingerprint: string | null;
  /** The web address `remoteDir` is served under (podcast enclosures, feed.xml), or null. */
  publicBaseUrl: string | null;
  transferMode: 'fastPut' | 'put';
  createdAt: string;
  updatedAt: string;
}

export interface StreamRecord {
  id: string;
  name: string;
  streamUrl: string;
  fallbackUrls: string[];
  artist: string;
  album: string;
  albumArtist: string;
  genre: string | null;
  outputFilenamePattern: string | null;
  destinationId: string | null;
  mp3BitrateKbps: number;
  /** Audio below this level (dBFS) is silence. */
  silenceThresholdDb: number;
  /** A silence this long (s) is dead air; 0: detection off. */
  deadAirSeconds: number;
  /** Deliver a `.cue` sheet of the station's titles beside the MP3. */
  writeCueSheet: boolean;
  /** The stream's podcast feed (issue 14). */
  podcast: Podcast;
  artworkFile: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ScheduleRecord {
  id: string;
  name: string | null;
  streamId: string;
  cronExpression: string;
  timezone: string | null;
  durationMinutes: number;
  padBeforeSeconds: number;
  padAfterSeconds: number;
  isActive: boolean;
  maxRetries: number;
  lastRunTime: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The contract's session plus what only the engine needs. */
export interface SessionRecord extends SessionDto {
  /** Where the raw parts of this session live until processing succeeded. */
  partsDir: string | null;
  /** When the next transfer attempt is due (the persisted retry queue). */
  nextTransferAt: string | null;
  /** Why the recording ended (see STOP_REASONS); null while it has not ended, or not known. */
  stopReason: StopReason | null;
  createdAt: string;
  updatedAt: string;
}

export interface SettingRecord {
  key: string;
  value: string;
}

export interface TransferAttemptRecord {
  id: string;
  sessionId: string;
  destinationId: string | null;
  startedAt: string;
  finishedAt: string | null;
  ok: boolean;
  bytes: number | null;
  mode: string | null;
  error: string | null;
}
