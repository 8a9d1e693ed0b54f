/** The last `capacity` items pushed; older ones drop out. */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity must be a whole number of at least 1, not ${capacity}`);
    }
    this.items = new Array<T | undefined>(capacity);
  }

  push(item: T): void {
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Newest first. */
  *newestFirst(): Generator<T> {
    for (let i = 1; i <= this.count; i++) {
      yield this.items[(this.next - i + this.capacity) % this.capacity] as T;
    }
  }
}
