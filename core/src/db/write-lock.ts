/**
 * Runs tasks one after another. TypeORM's better-sqlite3 driver shares one connection, so two
 * overlapping transactions would collide ("cannot start a transaction within a transaction"):
 * every write goes through one of these.
 */
export class WriteLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
