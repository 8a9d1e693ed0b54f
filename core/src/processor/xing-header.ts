/*
 * The Xing/Info frame at the head of an MP3: a silent Layer III frame that tells players the exact
 * number of frames and bytes (so they show the right length) and a 100-entry seek table (so they
 * seek to the right place in VBR audio). "Info" marks constant-bitrate audio, "Xing" variable.
 */
import {
  mp3FrameHeaderBytes,
  mp3FrameInfo,
  type Mp3FrameFormat,
} from '../audio-frames/mp3-frame-header';

/** Xing flags: frame count, byte count, TOC and quality fields present. */
const XING_FLAGS = 0x0f;
/** Tag id, flags, frames, bytes, 100 TOC entries, quality. */
export const XING_TAG_BYTES = 4 + 4 + 4 + 4 + 100 + 4;
export const TOC_ENTRIES = 100;

export interface XingFacts {
  /** Audio frames after the Xing/Info frame (the frame itself not counted). */
  frames: number;
  /** Bytes of those audio frames (the Xing/Info frame's own length is added to the field). */
  audioBytes: number;
  /** True for variable bitrate ("Xing"), false for constant ("Info"). */
  vbr: boolean;
  /** 100 entries: entry i is the byte position of i % of the playing time, in 256ths. */
  toc: Uint8Array;
}

/**
 * The bitrate index of the Xing/Info frame for audio of `format`: the stream's own bitrate when a
 * frame of it holds the tag (so a CBR file stays all one bitrate), else the lowest one that does.
 */
export function xingBitrateIndex(format: Mp3FrameFormat): number {
  const fits = (index: number) => xingFrameLength(format, index) >= xingNeeds(format);
  if (fits(format.bitrateIndex)) return format.bitrateIndex;
  for (let index = 1; index < 15; index++) if (fits(index)) return index;
  return 14;
}

function xingNeeds(format: Mp3FrameFormat): number {
  return 4 + format.sideInfoBytes + XING_TAG_BYTES;
}

function xingFrameLength(format: Mp3FrameFormat, bitrateIndex: number): number {
  return mp3FrameInfo(mp3FrameHeaderBytes(format, bitrateIndex))!.length;
}

/** Length in bytes of the Xing/Info frame buildXingFrame makes for `format`. */
export function xingFrameSize(format: Mp3FrameFormat): number {
  return xingFrameLength(format, xingBitrateIndex(format));
}

/**
 * The Xing/Info frame for audio of `format` (version, sample rate, channel mode of its first
 * frame): header, zeroed side information (it decodes as silence), then the tag. Its bytes field
 * counts the frame itself plus the audio, as LAME writes it.
 */
export function buildXingFrame(format: Mp3FrameFormat, facts: XingFacts): Buffer {
  if (facts.toc.length !== TOC_ENTRIES) throw new RangeError('The Xing TOC has 100 entries.');
  const index = xingBitrateIndex(format);
  const frame = Buffer.alloc(xingFrameLength(format, index));
  mp3FrameHeaderBytes(format, index).copy(frame, 0);
  let at = 4 + format.sideInfoBytes;
  frame.write(facts.vbr ? 'Xing' : 'Info', at, 'latin1');
  frame.writeUInt32BE(XING_FLAGS, at + 4);
  frame.writeUInt32BE(facts.frames, at + 8);
  frame.writeUInt32BE(frame.length + facts.audioBytes, at + 12);
  at += 16;
  frame.set(facts.toc, at);
  frame.writeUInt32BE(0, at + TOC_ENTRIES); // quality: unknown
  return frame;
}

/**
 * The TOC of audio whose frames have the given lengths (all the same duration), behind a Xing
 * frame of `xingBytes`: entry i is the position of frame floor(i × frames / 100), counted from the
 * Xing frame's start, as a fraction of all bytes (Xing frame included) × 256.
 */
export function xingToc(frameLengths: ArrayLike<number>, xingBytes: number): Uint8Array {
  const toc = new Uint8Array(TOC_ENTRIES);
  const frames = frameLengths.length;
  let total = xingBytes;
  for (let i = 0; i < frames; i++) total += frameLengths[i]!;
  let position = xingBytes;
  let frame = 0;
  for (let i = 0; i < TOC_ENTRIES; i++) {
    const target = Math.floor((i * frames) / TOC_ENTRIES);
    while (frame < target) position += frameLengths[frame++]!;
    toc[i] = Math.min(255, Math.floor((256 * position) / total));
  }
  return toc;
}

/** True when the frame at `offset` (of `format`) carries a Xing, Info or VBRI tag: no audio. */
export function isXingFrame(buf: Uint8Array, offset: number, format: Mp3FrameFormat): boolean {
  const at = offset + 4 + (format.crc ? 2 : 0) + format.sideInfoBytes;
  const id = Buffer.from(buf.buffer, buf.byteOffset, buf.length).toString('latin1', at, at + 4);
  const vbri = Buffer.from(buf.buffer, buf.byteOffset, buf.length).toString(
    'latin1',
    offset + 36,
    offset + 40,
  );
  return id === 'Xing' || id === 'Info' || vbri === 'VBRI';
}
