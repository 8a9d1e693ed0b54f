import type { z } from 'zod';
import { AppError, isAppError } from '../../contract';
import {
  BACKUP_ARTWORK_TOO_LARGE,
  backupChannelSchema,
  backupDestinationSchema,
  backupReferenceIssues,
  backupScheduleSchema,
  backupStreamSchema,
  MAX_BACKUP_ARTWORK_BYTES,
  MAX_BACKUP_KEY_KDF_ROUNDS,
  type BackupEnvelope,
} from '../../contract/operations/backup';
import { createChannelInput } from '../../contract/alerts';
import { createDestinationInput } from '../../contract/operations/destinations';
import { createScheduleInput, scheduleSettingsOf } from '../../contract/operations/schedules';
import { createStreamInput, streamSettingsOf } from '../../contract/operations/streams';
import type {
  DestinationRecord,
  NotificationChannelRecord,
  ScheduleRecord,
  StreamRecord,
} from '../db/records';
import { turnTaker } from '../event-loop/turns';
import { channelFieldsOf, secretOf } from '../operations/channel-secrets';
import { destinationFieldsOf, validateDestinationKey } from '../operations/destination-validation';
import { keyKdfRounds } from '../operations/private-key';
import { assertScheduleRules } from '../scheduler/schedule-rules';
import { streamFieldsOf } from '../operations/streams';
import { assertStoredArtwork } from '../processor/artwork';

/** What the create operations' rules depend on besides the input. */
export interface BackupRules {
  /** CONFIG_DIR (where key files are looked for). */
  configDir: string;
  /** The app's time zone (TZ): schedules without a zone run in it. */
  timeZone: string;
}

/** A destination as a restore stores it: its row (but for where the key goes) and its key text. */
export interface RestoredDestination {
  record: Omit<DestinationRecord, 'storedKeyFile' | 'passphraseFile'>;
  /** The uploaded key, as backed up; null when the destination uses a key file. */
  privateKey: string | null;
  /** The key's passphrase (stored in its own 0600 file, never in the database); null: none. */
  passphrase: string | null;
}

/** A stream as a restore stores it: its row (but for where the cover goes) and its cover. */
export interface RestoredStream {
  record: Omit<StreamRecord, 'artworkFile'>;
  artwork: Buffer | null;
}

/** A channel as a restore stores it: its row (but for where the secret goes) and its secret. */
export interface RestoredChannel {
  record: Omit<NotificationChannelRecord, 'secretFile'>;
  /** The webhook secret, ntfy token or SMTP password (its own 0600 file); null: none. */
  secret: string | null;
}

/** A backup that passed every check, its values as the create operations would store them. */
export interface ValidBackup {
  createdAt: string;
  destinations: RestoredDestination[];
  streams: RestoredStream[];
  schedules: ScheduleRecord[];
  /** Null when the document lists none (written before channels existed): keep the current. */
  notificationChannels: RestoredChannel[] | null;
  settings: BackupEnvelope['settings'];
  /** The feeds' token; null when the document has none (written before feeds): keep the current. */
  feedToken: string | null;
}

type Path = readonly (string | number)[];

function refusal(path: Path, message: string, code: AppError['code'] = 'VALIDATION_FAILED') {
  const field = path.join('.');
  return new AppError(code, field ? `${field}: ${message}` : message, field ? { field } : {});
}

/** Parses with `schema`; its first issue becomes a refusal naming the field under `path`. */
function parse<T extends z.ZodType>(schema: T, value: unknown, path: Path): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw refusal([...path, ...(issue?.path ?? []).map(String)], issue?.message ?? 'is not valid');
}

/** Runs a rule of a create operation; its refusal names the field under `path`. */
async function rule<T>(path: Path, check: () => T | Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (!isAppError(error)) throw error;
    const field = error.field ? [...path, error.field] : path;
    const message = error.field ? error.message.replace(`${error.field}: `, '') : error.message;
    throw refusal(field, message, error.code);
  }
}

function destinationOf(entry: unknown, path: Path) {
  const d = parse(backupDestinationSchema, entry, path);
  const input = parse(
    createDestinationInput,
    {
      name: d.name,
      host: d.host,
      port: d.port,
      username: d.username,
      remoteDir: d.remoteDir,
      privateKey: d.privateKey,
      privateKeyPath: d.privateKeyPath,
      passphrase: d.passphrase,
      hostKeyFingerprint: d.hostKeyFingerprint,
      publicBaseUrl: d.publicBaseUrl,
    },
    path,
  );
  const uploaded = input.privateKey !== undefined;
  const restored: RestoredDestination = {
    record: {
      id: d.id,
      ...destinationFieldsOf(input),
      privateKeyPath: uploaded ? null : input.privateKeyPath,
      transferMode: d.transferMode,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
    },
    // the key file's text exactly as backed up
    privateKey: uploaded ? d.privateKey : null,
    passphrase: input.passphrase || null,
  };
  return restored;
}

async function streamOf(entry: unknown, path: Path): Promise<RestoredStream> {
  // the HTTP host hands artwork over already decoded (core/server/http/json-off-thread.ts)
  const art = (entry as { artwork?: unknown } | null)?.artwork;
  const bytes = art instanceof Uint8Array ? art : undefined;
  const s = parse(
    backupStreamSchema,
    bytes ? { ...(entry as object), artwork: null } : entry,
    path,
  );
  if (bytes && bytes.byteLength > MAX_BACKUP_ARTWORK_BYTES) {
    throw refusal([...path, 'artwork'], BACKUP_ARTWORK_TOO_LARGE);
  }
  const input = parse(createStreamInput, streamSettingsOf(s), path);
  const fields = await rule(path, () => streamFieldsOf(input));
  return {
    record: { id: s.id, ...fields, createdAt: s.createdAt, updatedAt: s.updatedAt },
    artwork: bytes
      ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      : s.artwork === null
        ? null
        : Buffer.from(s.artwork, 'base64'),
  };
}

async function scheduleOf(entry: unknown, path: Path, rules: BackupRules): Promise<ScheduleRecord> {
  const s = parse(backupScheduleSchema, entry, path);
  const input = parse(createScheduleInput, scheduleSettingsOf(s), path);
  await rule(path, () => assertScheduleRules(input, rules.timeZone));
  return {
    id: s.id,
    ...input,
    lastRunTime: s.lastRunTime,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

/** A channel, as notificationChannels.create checks it (createChannelInput) and stores it. */
function channelOf(entry: unknown, path: Path): RestoredChannel {
  const { id, createdAt, updatedAt, ...fields } = parse(backupChannelSchema, entry, path);
  const input = parse(createChannelInput, fields, path);
  return {
    record: {
      id,
      ...channelFieldsOf(input),
      createdAt,
      updatedAt,
    },
    secret: secretOf(input) ?? null,
  };
}

/**
 * The keys, as destinations.create checks them (validateDestinationKey: key files read, keys
 * opened with their passphrase in a worker thread). A document whose encrypted keys ask for more
 * than MAX_BACKUP_KEY_KDF_ROUNDS bcrypt rounds together is refused before any is opened; the same
 * key with the same passphrase is opened once.
 */
async function checkKeys(destinations: RestoredDestination[], rules: BackupRules): Promise<void> {
  let rounds = 0;
  const opened = new Map<string, Promise<void>>();
  const checks: Promise<void>[] = [];
  for (const [i, d] of destinations.entries()) {
    const path = ['destinations', i];
    const input = {
      privateKey: d.privateKey,
      privateKeyPath: d.record.privateKeyPath,
      passphrase: d.passphrase,
    };
    let check: Promise<void> | undefined;
    if (d.privateKey !== null) {
      const same = `${d.passphrase ?? ''}\n${d.privateKey}`;
      check = opened.get(same);
      if (!check) {
        if (d.passphrase !== null) rounds += keyKdfRounds(d.privateKey);
        if (rounds > MAX_BACKUP_KEY_KDF_ROUNDS) {
          throw refusal(
            [...path, 'privateKey'],
            `the encrypted keys of this backup ask for more than ${MAX_BACKUP_KEY_KDF_ROUNDS} bcrypt rounds together, more than a restore opens: give the destinations fewer or cheaper keys (ssh-keygen -a).`,
          );
        }
        check = validateDestinationKey(rules.configDir, input);
        opened.set(same, check);
      }
    } else {
      check = validateDestinationKey(rules.configDir, input);
    }
    checks.push(rule(path, () => check));
  }
  const failed = (await Promise.allSettled(checks)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * Checks a backup document (whose envelope passed backupEnvelopeSchema) entry by entry, each
 * with the rules of its create operation: the operation's input schema (createDestinationInput,
 * createStreamInput, createScheduleInput, createChannelInput) and its checks beyond the schema
 * (validateDestinationKey, streamFieldsOf, assertScheduleRules), plus the backup's own fields, its
 * references, and artwork that is a stored cover (assertStoredArtwork). The event loop gets a
 * turn between entries; keys open in a worker thread and covers decode in sharp's threads.
 * Throws the first problem as an AppError naming its field (`streams.3.fallbackUrls`); changes
 * nothing. Answers the values to store, as the create operations would store them.
 */
export async function validateBackup(
  doc: BackupEnvelope,
  rules: BackupRules,
): Promise<ValidBackup> {
  const turn = turnTaker();
  const destinations: RestoredDestination[] = [];
  for (const [i, entry] of doc.destinations.entries()) {
    await turn();
    destinations.push(destinationOf(entry, ['destinations', i]));
  }
  const streams: RestoredStream[] = [];
  for (const [i, entry] of doc.streams.entries()) {
    await turn();
    streams.push(await streamOf(entry, ['streams', i]));
  }
  const schedules: ScheduleRecord[] = [];
  for (const [i, entry] of doc.schedules.entries()) {
    await turn();
    schedules.push(await scheduleOf(entry, ['schedules', i], rules));
  }
  let channels: RestoredChannel[] | null = null;
  if (doc.notificationChannels) {
    channels = [];
    for (const [i, entry] of doc.notificationChannels.entries()) {
      await turn();
      channels.push(channelOf(entry, ['notificationChannels', i]));
    }
  }
  await turn();
  const issue = backupReferenceIssues({
    destinations: destinations.map((d) => d.record),
    streams: streams.map((s) => s.record),
    schedules,
    notificationChannels: channels?.map((c) => c.record),
  })[0];
  if (issue) throw refusal(issue.path, issue.message);

  await checkKeys(destinations, rules);
  for (const [i, s] of streams.entries()) {
    if (s.artwork === null) continue;
    await rule(['streams', i, 'artwork'], () => assertStoredArtwork(s.artwork as Buffer));
  }
  return {
    createdAt: doc.createdAt,
    destinations,
    streams,
    schedules,
    notificationChannels: channels,
    settings: doc.settings,
    feedToken: doc.feedToken ?? null,
  };
}
