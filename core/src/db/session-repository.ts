import { DELIVERY_CONDITIONS, type DeliveryState } from '../../contract/delivery';
import type { SessionStatus, TransferStatus } from '../../contract';
import { searchWords } from '../../contract/search';
import type { Database } from './database';
import type { SessionRecord } from './entities/records';
import { SessionEntity, TransferAttemptEntity } from './entities/schemas';

/** What `sessions.list` filters by; times are `toISOString()` text, as stored. */
export interface SessionFilter {
  streamId?: string;
  status?: SessionStatus;
  /** A finished recording's delivery state (core/contract/delivery.ts). */
  delivery?: DeliveryState;
  /** Start time at or after this. */
  from?: string;
  /** Start time before this. */
  to?: string;
  /** Every word in the title, the stream's name or a file name (`sessionSearchTexts`). */
  q?: string;
  offset: number;
  limit: number;
}

/** The file name of a path column in SQL (what follows the last `/` or `\\`). */
function fileNameSql(column: string): string {
  const path = `replace(coalesce(${column}, ''), '\\', '/')`;
  return `replace(${path}, rtrim(${path}, replace(${path}, '/', '')), '')`;
}

/** `word` as a LIKE pattern that finds it anywhere (its own % _ \\ taken literally). */
const containing = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The search of `sessionSearchTexts` in SQL: each word in one of the texts (LIKE: A–Z without case). */
function searchSql(words: string[]): { sql: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const texts = ['s.title', fileNameSql('s.outputFilePath'), fileNameSql('s.remotePath')];
  const clauses = words.map((word, i) => {
    params[`w${i}`] = containing(word);
    const like = (text: string) => `${text} LIKE :w${i} ESCAPE '\\'`;
    const stream = `s.streamId IN (SELECT st.id FROM streams st WHERE ${like('st.name')})`;
    return `(${[...texts.map(like), stream].join(' OR ')})`;
  });
  return { sql: clauses.join(' AND '), params };
}

/**
 * The session rows (and their transfer attempts): every query of the `sessions` table. Writes are
 * serialized transactions; only SessionStore writes (it announces each change).
 */
export class SessionRepository {
  constructor(private readonly db: Database) {}

  find(id: string): Promise<SessionRecord | null> {
    return this.db.reader.findOneBy(SessionEntity, { id });
  }

  /** Newest first (start time, then creation), with the total of the filtered set. */
  async list(filter: SessionFilter): Promise<{ rows: SessionRecord[]; total: number }> {
    const query = this.db.reader.createQueryBuilder(SessionEntity, 's');
    if (filter.streamId !== undefined) {
      query.andWhere('s.streamId = :streamId', { streamId: filter.streamId });
    }
    if (filter.status !== undefined)
      query.andWhere('s.status = :status', { status: filter.status });
    if (filter.delivery !== undefined) {
      const c = DELIVERY_CONDITIONS[filter.delivery];
      query.andWhere("s.status = 'COMPLETED'");
      query.andWhere('s.transferStatus = :transferStatus', { transferStatus: c.transferStatus });
      if (c.minAttempts !== undefined) {
        query.andWhere('s.attempts >= :minAttempts', { minAttempts: c.minAttempts });
      }
      if (c.maxAttempts !== undefined) {
        query.andWhere('s.attempts <= :maxAttempts', { maxAttempts: c.maxAttempts });
      }
    }
    if (filter.from !== undefined) query.andWhere('s.startTime >= :from', { from: filter.from });
    if (filter.to !== undefined) query.andWhere('s.startTime < :to', { to: filter.to });
    const words = searchWords(filter.q);
    if (words.length > 0) {
      const search = searchSql(words);
      query.andWhere(search.sql, search.params);
    }
    const [rows, total] = await query
      .orderBy('s.startTime', 'DESC')
      .addOrderBy('s.createdAt', 'DESC')
      .addOrderBy('s.id', 'ASC')
      .offset(filter.offset)
      .limit(filter.limit)
      .getManyAndCount();
    return { rows, total };
  }

  byStatus(status: SessionStatus): Promise<SessionRecord[]> {
    return this.db.reader.findBy(SessionEntity, { status });
  }

  byTransferStatus(transferStatus: TransferStatus): Promise<SessionRecord[]> {
    return this.db.reader.findBy(SessionEntity, { transferStatus });
  }

  /** Completed sessions whose transfer is PENDING and due at `now` (the persisted retry queue). */
  dueTransfers(now: string): Promise<SessionRecord[]> {
    return this.db.reader
      .createQueryBuilder(SessionEntity, 's')
      .where('s.status = :c AND s.transferStatus = :p', { c: 'COMPLETED', p: 'PENDING' })
      .andWhere('(s.nextTransferAt IS NULL OR s.nextTransferAt <= :now)', { now })
      .orderBy('s.nextTransferAt', 'ASC')
      .getMany();
  }

  /** The earliest due time of a pending transfer, or null. */
  async nextTransferAt(): Promise<string | null> {
    const row = await this.db.reader
      .createQueryBuilder(SessionEntity, 's')
      .select('MIN(s.nextTransferAt)', 'at')
      .where('s.status = :c AND s.transferStatus = :p', { c: 'COMPLETED', p: 'PENDING' })
      .getRawOne<{ at: string | null }>();
    return row?.at ?? null;
  }

  /** The session of `scheduleId` whose window starts at `startTime`, if any. */
  ofScheduleStartingAt(scheduleId: string, startTime: string): Promise<SessionRecord | null> {
    return this.db.reader.findOneBy(SessionEntity, { scheduleId, startTime });
  }

  /** Sessions of `scheduleId` in one of `statuses` that started in [from, to). */
  ofScheduleBetween(
    scheduleId: string,
    from: string,
    to: string,
    statuses: readonly SessionStatus[],
  ): Promise<SessionRecord[]> {
    return this.db.reader
      .createQueryBuilder(SessionEntity, 's')
      .where('s.scheduleId = :id AND s.startTime >= :from AND s.startTime < :to', {
        id: scheduleId,
        from,
        to,
      })
      .andWhere('s.status IN (:...statuses)', { statuses: [...statuses] })
      .getMany();
  }

  /**
   * COMPLETED sessions with a local file, a transfer state among `transferStatuses`, that ended
   * (or, without an end, started) before `cutoff`: candidates for retention.
   */
  localFilesEndedBefore(
    cutoff: string,
    transferStatuses: readonly TransferStatus[],
  ): Promise<SessionRecord[]> {
    return this.db.reader
      .createQueryBuilder(SessionEntity, 's')
      .where('s.status = :c', { c: 'COMPLETED' })
      .andWhere('s.outputFilePath IS NOT NULL')
      .andWhere('s.transferStatus IN (:...kept)', { kept: [...transferStatuses] })
      .andWhere('COALESCE(s.endTime, s.startTime) < :cutoff', { cutoff })
      .getMany();
  }

  /** Whether any session is SCHEDULED, RECORDING, PROCESSING, or COMPLETED with a delivery to do. */
  async anyBusy(): Promise<boolean> {
    const busy = await this.db.reader
      .createQueryBuilder(SessionEntity, 's')
      .where('s.status IN (:...st)', { st: ['SCHEDULED', 'RECORDING', 'PROCESSING'] })
      .orWhere('s.status = :c AND s.transferStatus IN (:...tr)', {
        c: 'COMPLETED',
        tr: ['PENDING', 'IN_PROGRESS'],
      })
      .getCount();
    return busy > 0;
  }

  async insert(record: SessionRecord): Promise<void> {
    await this.db.write((m) => m.insert(SessionEntity, record));
  }

  /**
   * One serialized write: `decide` sees the row as it is inside the transaction (null: no such
   * session) and answers the row to save, or null to leave it; it may throw to refuse. Nothing can
   * slip between the check and the change. Answers the saved row, or null.
   */
  change(
    id: string,
    decide: (current: SessionRecord | null) => Promise<SessionRecord | null> | SessionRecord | null,
  ): Promise<SessionRecord | null> {
    return this.db.write(async (m) => {
      const next = await decide(await m.findOneBy(SessionEntity, { id }));
      if (next) await m.save(SessionEntity, next);
      return next;
    });
  }

  /**
   * One serialized write: deletes the session and its transfer attempts once `check` (which sees
   * the row inside the transaction, null when there is none) did not throw. Answers the row.
   */
  remove(
    id: string,
    check: (current: SessionRecord | null) => asserts current is SessionRecord,
  ): Promise<SessionRecord> {
    return this.db.write(async (m) => {
      const current = await m.findOneBy(SessionEntity, { id });
      check(current);
      await m.delete(TransferAttemptEntity, { sessionId: current.id });
      await m.delete(SessionEntity, { id: current.id });
      return current;
    });
  }
}
