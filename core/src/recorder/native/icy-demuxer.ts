/**
 * Splits an ICY stream (`Icy-MetaData: 1`) into its audio and its metadata blocks: after every
 * `metaint` bytes of audio comes one length byte (× 16 bytes) and that many bytes of metadata.
 * Chunks may end anywhere, inside the audio, on the length byte, or inside a block. With a
 * `metaint` of 0 (the server sends no metadata) everything is audio.
 */
export class IcyDemuxer {
  private audioLeft: number;
  /** Bytes of the current metadata block still to come; -1: the length byte is next. */
  private metaLeft = 0;
  private meta: Buffer[] = [];
  private inMeta = false;

  constructor(
    private readonly metaint: number,
    private readonly onAudio: (audio: Buffer) => void,
    private readonly onMetadata: (block: Buffer) => void,
  ) {
    this.audioLeft = metaint;
  }

  push(chunk: Buffer): void {
    if (this.metaint <= 0) {
      if (chunk.length) this.onAudio(chunk);
      return;
    }
    let pos = 0;
    while (pos < chunk.length) {
      if (!this.inMeta) {
        const n = Math.min(this.audioLeft, chunk.length - pos);
        if (n > 0) this.onAudio(chunk.subarray(pos, pos + n));
        pos += n;
        this.audioLeft -= n;
        if (this.audioLeft === 0) {
          this.inMeta = true;
          this.metaLeft = -1;
        }
        continue;
      }
      if (this.metaLeft === -1) {
        this.metaLeft = chunk[pos]! * 16;
        pos += 1;
      } else {
        const n = Math.min(this.metaLeft, chunk.length - pos);
        this.meta.push(chunk.subarray(pos, pos + n));
        pos += n;
        this.metaLeft -= n;
      }
      if (this.metaLeft === 0) this.endBlock();
    }
  }

  /** Every block is handed on, an empty one (length byte 0: nothing changed) too. */
  private endBlock(): void {
    this.onMetadata(Buffer.concat(this.meta));
    this.meta = [];
    this.inMeta = false;
    this.audioLeft = this.metaint;
  }
}
