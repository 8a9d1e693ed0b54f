import type { FrameKind } from '../../audio-frames/frame-scanner';

/**
 * The framings to look for in a stream by its content type: MP3 or ADTS AAC by name, both when
 * the server does not say (none, or octet-stream); undefined for what the native reader does not
 * read (Ogg, Opus, FLAC, playlists, HTML, ...): ffmpeg records those.
 */
export function frameKindsFor(contentType: string | undefined): FrameKind[] | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === '' || type === 'application/octet-stream') return ['mp3', 'adts'];
  if (['audio/mpeg', 'audio/mp3', 'audio/mpeg3', 'audio/x-mpeg', 'audio/mpg'].includes(type)) {
    return ['mp3'];
  }
  if (['audio/aac', 'audio/aacp', 'audio/x-aac', 'audio/x-aacp'].includes(type)) return ['adts'];
  return undefined;
}

/** The part file's extension and ffprobe's codec name for a framing. */
export const FRAME_FILES: Record<FrameKind, { ext: string; codec: string }> = {
  mp3: { ext: '.mp3', codec: 'mp3' },
  adts: { ext: '.aac', codec: 'aac' },
};
