import type { Database } from '../db/database';
import type { EventBus } from '../events/event-bus';
import type { FfmpegPaths } from '../ffmpeg/locate';
import type { ProcessRunner } from '../ffmpeg/process';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { ProcessRecordingInput, ProcessRecordingResult } from '../processor/process-recording';
import type { RecordWindowOptions } from '../recorder/recorder';
import type { RecordingResult } from '../recorder/types';
import type { ActiveRecordings } from './active-recordings';
import type { LiveRecordings } from './live-recordings';
import type { SessionStore } from './session-store';

/** What a recording run needs; the recorder and processor are injected so tests can fake them. */
export interface PipelineDeps {
  db: Database;
  sessions: SessionStore;
  events: EventBus;
  logger: Logger;
  clock: Clock;
  runner: ProcessRunner;
  ffmpeg: FfmpegPaths;
  active: ActiveRecordings;
  /** Where a recording's live phase is published (`recording-progress`); none in some tests. */
  live?: Pick<LiveRecordings, 'reporter' | 'end'>;
  folders: { recordingsDir: string; partsDir: string };
  /** The app's time zone: tags of manual runs use it. */
  timeZone: string;
  record: (input: RecordWindowOptions) => Promise<RecordingResult>;
  process: (input: ProcessRecordingInput) => Promise<ProcessRecordingResult>;
  /** Free space (MB) under which no recording starts (0: no guard). */
  minFreeDiskMb: () => number;
  /** Called when a session became ready to transfer. */
  onReadyToTransfer: () => void;
}
