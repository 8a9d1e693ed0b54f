/**
 * What a frame header tells, the same for every framing the native capture reads (MPEG audio
 * Layer III, AAC in ADTS): the frame scanner reads any of them through it.
 */
export interface FrameInfo {
  /** Bytes in the frame, header included. */
  length: number;
  sampleRate: number;
  /**
   * Samples per channel in the frame: MP3 1152 (MPEG-1) or 576 (MPEG-2/2.5); ADTS 1024 per raw
   * data block.
   */
  samples: number;
  /**
   * MP3: 1 (mono) or 2. ADTS: the channel configuration (1-7; 0 = described in the stream, still
   * one format).
   */
  channels: number;
  /**
   * What every frame of one stream shares (MP3: version, sample rate, channels; ADTS: profile,
   * sample rate, channels): a change is not the same stream.
   */
  format: string;
}
