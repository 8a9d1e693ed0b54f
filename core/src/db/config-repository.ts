import type { EntityManager } from 'typeorm';
import type { SettingsValues } from '../../contract/operations/settings';
import type { Database } from './database';
import { NotificationChannelEntity } from './entities/alert-schemas';
import { DestinationEntity, ScheduleEntity, SessionEntity, StreamEntity } from './entities/schemas';
import type {
  DestinationRecord,
  NotificationChannelRecord,
  ScheduleRecord,
  StreamRecord,
} from './records';
import { writeStoredSettings } from './settings-repository';
import { WriteLock } from './write-lock';

/** The configuration's rows: destinations, streams, schedules, notification channels. */
export interface ConfigRows {
  destinations: DestinationRecord[];
  streams: StreamRecord[];
  schedules: ScheduleRecord[];
  notificationChannels: NotificationChannelRecord[];
}

/**
 * What replaces the configuration: every row, and the run-time settings. Channels null: the
 * current ones stay as they are (a backup written before channels existed).
 */
export interface ConfigReplacement extends Omit<ConfigRows, 'notificationChannels'> {
  notificationChannels: NotificationChannelRecord[] | null;
  settings: Partial<SettingsValues>;
}

type Statement = [sql: string, parameters: unknown[]];

/** A replacement whose statements are built (prepareReplace): replace() only runs SQL. */
export interface PreparedReplacement {
  readonly keep: {
    destinations: Set<string>;
    streams: Set<string>;
    schedules: Set<string>;
    /** Null: channels are not replaced. */
    channels: Set<string> | null;
  };
  readonly upserts: readonly Statement[];
  readonly settings: Partial<SettingsValues>;
}

/** A stream that recorded sessions but is not in a replacement; its name when it exists. */
export interface OrphanedStream {
  id: string;
  name: string | null;
}

/** The files the replaced rows pointed at (key, passphrase and channel secret files; artwork). */
export interface ReplacedFiles {
  keys: (string | null)[];
  artwork: (string | null)[];
}

type ConfigEntity =
  | typeof DestinationEntity
  | typeof StreamEntity
  | typeof ScheduleEntity
  | typeof NotificationChannelEntity;

/** Rows per statement: well under SQLite's limit of bound values. */
const ROWS_PER_STATEMENT = 200;

const locks = new WeakMap<Database, WriteLock>();

/**
 * The whole configuration at once, for backup and restore: read as one committed state, and
 * replaced in ONE transaction.
 */
export class ConfigRepository {
  constructor(private readonly db: Database) {}

  /**
   * Runs whole-configuration work that spans the database and files (a restore renames key and
   * artwork files after its transaction; a backup reads them) one at a time per database, so
   * that a backup never reads a restore's half-renamed files and two restores never interleave
   * their renames.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    let lock = locks.get(this.db);
    if (!lock) locks.set(this.db, (lock = new WriteLock()));
    return lock.run(work);
  }

  /** Every row, read inside the write queue: one consistent, committed state. */
  read(): Promise<ConfigRows> {
    return this.db.write(async (m) => ({
      destinations: await m.find(DestinationEntity),
      streams: await m.find(StreamEntity),
      schedules: await m.find(ScheduleEntity),
      notificationChannels: await m.find(NotificationChannelEntity),
    }));
  }

  /** How many sessions each stream has (by stream id; streams without any are left out). */
  async sessionCounts(): Promise<Record<string, number>> {
    const rows = (await this.db.reader
      .createQueryBuilder(SessionEntity, 'session')
      .select('session.streamId', 'streamId')
      .addSelect('COUNT(*)', 'count')
      .groupBy('session.streamId')
      .getRawMany()) as { streamId: string; count: number }[];
    return Object.fromEntries(rows.map((r) => [r.streamId, Number(r.count)]));
  }

  /**
   * Builds the statements of replace() before its transaction, calling `turn` between them (so
   * that the event loop gets turns): inside the transaction only SQLite works (building them
   * there held the event loop for a large backup). Each statement inserts a few hundred rows, or
   * updates those whose id exists (an existing row is updated in place, never deleted and
   * inserted again: sessions keep their links); parents before children.
   */
  async prepareReplace(
    next: ConfigReplacement,
    turn: () => Promise<void>,
  ): Promise<PreparedReplacement> {
    const upserts = [
      ...(await this.upsertStatements(DestinationEntity, next.destinations, turn)),
      ...(await this.upsertStatements(StreamEntity, next.streams, turn)),
      ...(await this.upsertStatements(ScheduleEntity, next.schedules, turn)),
      ...(await this.upsertStatements(
        NotificationChannelEntity,
        next.notificationChannels ?? [],
        turn,
      )),
    ];
    const ids = (rows: readonly { id: string }[]) => new Set(rows.map((r) => r.id));
    return {
      keep: {
        destinations: ids(next.destinations),
        streams: ids(next.streams),
        schedules: ids(next.schedules),
        channels: next.notificationChannels && ids(next.notificationChannels),
      },
      upserts,
      settings: next.settings,
    };
  }

  /**
   * Replaces the configuration in ONE transaction: rows not in the replacement are removed
   * (children before parents: the foreign keys hold at every statement), the others inserted or
   * updated, the settings written. Channels are replaced likewise, unless the replacement has
   * none listed (null). Sessions are never touched: when streams that recorded
   * sessions would go, `refuse` is called with them first (it throws, and nothing changes).
   * Answers the files the rows pointed at before.
   */
  replace(
    prepared: PreparedReplacement,
    refuse: (orphans: OrphanedStream[]) => never,
  ): Promise<ReplacedFiles> {
    return this.db.write(async (m) => {
      const orphans = await orphanedStreams(m, prepared.keep.streams);
      if (orphans.length > 0) refuse(orphans);
      const before: ReplacedFiles = {
        keys: [
          ...(await columnValues(m, DestinationEntity, 'storedKeyFile')),
          ...(await columnValues(m, DestinationEntity, 'passphraseFile')),
          ...(prepared.keep.channels
            ? await columnValues(m, NotificationChannelEntity, 'secretFile')
            : []),
        ],
        artwork: await columnValues(m, StreamEntity, 'artworkFile'),
      };
      for (const [sql, parameters] of prepared.upserts) await m.query(sql, parameters);
      const removed = {
        schedules: await staleIds(m, ScheduleEntity, prepared.keep.schedules),
        streams: await staleIds(m, StreamEntity, prepared.keep.streams),
        destinations: await staleIds(m, DestinationEntity, prepared.keep.destinations),
      };
      await removeAll(m, ScheduleEntity, removed.schedules);
      await removeAll(m, StreamEntity, removed.streams);
      await removeAll(m, DestinationEntity, removed.destinations);
      if (prepared.keep.channels) {
        const channels = await staleIds(m, NotificationChannelEntity, prepared.keep.channels);
        await removeAll(m, NotificationChannelEntity, channels);
      }
      await writeStoredSettings(m, prepared.settings);
      return before;
    });
  }

  private async upsertStatements(
    entity: ConfigEntity,
    rows: readonly object[],
    turn: () => Promise<void>,
  ): Promise<Statement[]> {
    const m = this.db.reader;
    const columns = m.connection
      .getMetadata(entity)
      .columns.map((c) => c.databaseName)
      .filter((name) => name !== 'id');
    const statements: Statement[] = [];
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      await turn();
      statements.push(
        m
          .createQueryBuilder()
          .insert()
          .into(entity)
          .values(rows.slice(i, i + ROWS_PER_STATEMENT) as never[])
          .orUpdate(columns, ['id'])
          .getQueryAndParameters(),
      );
    }
    return statements;
  }
}

/** The streams that have sessions but are not in `keep`. */
async function orphanedStreams(
  m: EntityManager,
  keep: ReadonlySet<string>,
): Promise<OrphanedStream[]> {
  const rows = (await m
    .createQueryBuilder(SessionEntity, 'session')
    .select('DISTINCT session.streamId', 'streamId')
    .getRawMany()) as { streamId: string }[];
  const lost = rows.map((r) => r.streamId).filter((id) => !keep.has(id));
  if (lost.length === 0) return [];
  const streams = await m.findBy(
    StreamEntity,
    lost.map((id) => ({ id })),
  );
  return lost.map((id) => ({ id, name: streams.find((s) => s.id === id)?.name ?? null }));
}

async function columnValues(
  m: EntityManager,
  entity: ConfigEntity,
  column: string,
): Promise<(string | null)[]> {
  const rows = (await m
    .createQueryBuilder(entity, 'e')
    .select(`e.${column}`, 'file')
    .getRawMany()) as { file: string | null }[];
  return rows.map((r) => r.file);
}

async function staleIds(
  m: EntityManager,
  entity: ConfigEntity,
  keep: ReadonlySet<string>,
): Promise<string[]> {
  const rows = (await m.createQueryBuilder(entity, 'e').select('e.id', 'id').getRawMany()) as {
    id: string;
  }[];
  return rows.map((r) => r.id).filter((id) => !keep.has(id));
}

async function removeAll(m: EntityManager, entity: ConfigEntity, ids: readonly string[]) {
  for (let i = 0; i < ids.length; i += ROWS_PER_STATEMENT) {
    await m.delete(entity, ids.slice(i, i + ROWS_PER_STATEMENT));
  }
}
