import {
  SETTING_ENV_VARS,
  SETTING_NAMES,
  type BackupChannel,
  type BackupDestination,
  type BackupDocument,
  type BackupSchedule,
  type BackupStream,
  type RestoreKindDiff,
  type RestorePreviewDto,
  type RestoreRefusal,
  type RestoreSettingChange,
  type SettingName,
} from '../../contract/operations';

// What a restore will do, worked out before it is applied: a restore REPLACES the destinations,
// streams, schedules, notification channels (when it lists them) and settings with the backup's (restore-backup.ts). Rows keep their ids, so
// a row is "the same" when its id is; sessions are kept and never restored. Pure: the documents
// compared hold digests in place of keys, passphrases and images (preview-restore.ts).

export interface RestoreContext {
  /** The sessions each current stream has (by stream id); streams not listed have none. */
  sessionCounts: Readonly<Record<string, number>>;
  /** The settings an environment variable fixes on this server. */
  lockedByEnv: readonly SettingName[];
}

/** Fields that are bookkeeping, not configuration: never reported as changes. */
const IGNORED = new Set(['id', 'createdAt', 'updatedAt', 'lastRunTime', 'transferMode']);

const LABELS: Record<string, string> = {
  name: 'name',
  host: 'host',
  port: 'port',
  username: 'user name',
  remoteDir: 'remote folder',
  privateKeyPath: 'key file path',
  privateKey: 'private key',
  passphrase: 'passphrase',
  hostKeyFingerprint: 'pinned host key',
  publicBaseUrl: 'public web address',
  streamUrl: 'stream URL',
  fallbackUrls: 'fallback URLs',
  artist: 'artist',
  album: 'album',
  albumArtist: 'album artist',
  genre: 'genre',
  outputFilenamePattern: 'file name pattern',
  destinationId: 'destination',
  mp3BitrateKbps: 'bit rate',
  silenceThresholdDb: 'silence level',
  deadAirSeconds: 'dead air after',
  writeCueSheet: 'cue sheet',
  podcast: 'podcast feed',
  artwork: 'artwork',
  streamId: 'stream',
  cronExpression: 'when (cron)',
  timezone: 'time zone',
  durationMinutes: 'duration',
  padBeforeSeconds: 'start padding',
  padAfterSeconds: 'end padding',
  isActive: 'active',
  maxRetries: 'retries',
  kind: 'kind',
  enabled: 'on or off',
  events: 'events',
  url: 'URL',
  secret: 'secret',
  priority: 'priority',
  token: 'access token',
  security: 'security',
  password: 'password',
  from: 'sender',
  to: 'recipients',
};

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function changedFields(current: object, next: object): string[] {
  const keys = new Set([...Object.keys(current), ...Object.keys(next)]);
  const out: string[] = [];
  for (const key of keys) {
    if (IGNORED.has(key)) continue;
    const a = (current as Record<string, unknown>)[key];
    const b = (next as Record<string, unknown>)[key];
    if (!same(a ?? null, b ?? null)) out.push(LABELS[key] ?? key);
  }
  return out;
}

function diffKind<T extends { id: string }>(
  current: readonly T[],
  next: readonly T[],
  nameOf: (item: T) => string,
): RestoreKindDiff {
  const before = new Map(current.map((item) => [item.id, item]));
  const after = new Map(next.map((item) => [item.id, item]));
  const diff: RestoreKindDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const item of next) {
    const old = before.get(item.id);
    if (!old) {
      diff.added.push({ id: item.id, name: nameOf(item), changes: [] });
      continue;
    }
    const changes = changedFields(old, item);
    if (changes.length === 0) diff.unchanged += 1;
    else diff.changed.push({ id: item.id, name: nameOf(item), changes });
  }
  for (const item of current) {
    if (!after.has(item.id)) diff.removed.push({ id: item.id, name: nameOf(item), changes: [] });
  }
  return diff;
}

function isEmpty(diff: RestoreKindDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length === 0;
}

/**
 * What restoring `incoming` over `current` (the configuration now) will change, and
 * what the server will refuse: a stream that has sessions but is not in the backup (sessions
 * are kept by a restore and must keep their stream).
 */
export function diffRestore(
  current: BackupDocument,
  incoming: BackupDocument,
  context: RestoreContext,
): RestorePreviewDto {
  const streamNames = new Map<string, string>([
    ...current.streams.map((s) => [s.id, s.name] as const),
    ...incoming.streams.map((s) => [s.id, s.name] as const),
  ]);
  const scheduleName = (s: BackupSchedule) =>
    `${streamNames.get(s.streamId) ?? 'Unknown stream'} · ${s.name ?? s.cronExpression}`;

  const destinations = diffKind<BackupDestination>(
    current.destinations,
    incoming.destinations,
    (d) => d.name,
  );
  const streams = diffKind<BackupStream>(current.streams, incoming.streams, (s) => s.name);
  const schedules = diffKind<BackupSchedule>(current.schedules, incoming.schedules, scheduleName);
  // a backup written before channels existed lists none: the current ones stay
  const keptChannels = incoming.notificationChannels === undefined;
  const currentChannels = current.notificationChannels ?? [];
  const notificationChannels = diffKind<BackupChannel>(
    currentChannels,
    incoming.notificationChannels ?? currentChannels,
    (c) => c.name,
  );

  const settings: RestoreSettingChange[] = [];
  for (const name of SETTING_NAMES) {
    const from = current.settings[name];
    const to = incoming.settings[name];
    if (to === undefined || same(from, to)) continue;
    settings.push({
      name,
      from,
      to,
      lockedBy: context.lockedByEnv.includes(name) ? SETTING_ENV_VARS[name] : null,
    });
  }

  const refusals: RestoreRefusal[] = [];
  for (const removed of streams.removed) {
    const sessions = context.sessionCounts[removed.id] ?? 0;
    if (sessions === 0) continue;
    refusals.push({
      streamId: removed.id,
      name: removed.name,
      sessions,
      message: `The backup lacks stream “${removed.name}”, which has ${sessions === 1 ? '1 recording' : `${sessions} recordings`}. A restore keeps recordings, so the server refuses it: delete those recordings first, or restore a backup that includes the stream.`,
    });
  }

  const notes: string[] = [];
  for (const d of incoming.destinations) {
    if (d.privateKey === null && d.privateKeyPath !== null) {
      notes.push(
        `Destination “${d.name}” uses the key file ${d.privateKeyPath}: the backup holds only its path, so the file must exist on this server.`,
      );
    }
  }
  const locked = settings.filter((s) => s.lockedBy !== null);
  if (locked.length > 0) {
    notes.push(
      `${locked.map((s) => s.lockedBy).join(', ')} ${locked.length === 1 ? 'is' : 'are'} set on this server: the backup’s value is stored, but the environment’s stays in effect.`,
    );
  }
  if (keptChannels && currentChannels.length > 0) {
    notes.push(
      'The backup lists no notification channels (it was written before they existed): the current ones are kept.',
    );
  }
  if (streams.removed.length > 0 && refusals.length === 0) {
    notes.push('Removed streams lose their artwork and their schedules.');
  }

  return {
    destinations,
    streams,
    schedules,
    notificationChannels,
    settings,
    refusals,
    notes,
    unchanged:
      isEmpty(destinations) &&
      isEmpty(streams) &&
      isEmpty(schedules) &&
      isEmpty(notificationChannels) &&
      settings.length === 0,
  };
}
