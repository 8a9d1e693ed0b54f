import { ARTWORK_CONTENT_TYPES, ARTWORK_MAX_BYTES } from '@contract/operations';
import { formatBytes } from '../../format/format';

/** What the file picker offers (the types the server takes). */
export const ARTWORK_ACCEPT = ARTWORK_CONTENT_TYPES.join(',');

const EXTENSIONS: Record<string, (typeof ARTWORK_CONTENT_TYPES)[number]> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

/** The image type of a file: its MIME type, or (when the system gives none) its extension's. */
function typeOf(file: Pick<File, 'name' | 'type'>): string {
  if (file.type) return file.type;
  const extension = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return EXTENSIONS[extension] ?? '';
}

/**
 * Why a file cannot be a stream's artwork, or null when it can be uploaded: the server's own
 * limits (JPEG, PNG or WebP, at most 10 MB), checked before any byte is sent.
 */
export function artworkProblem(file: Pick<File, 'name' | 'type' | 'size'>): string | null {
  if (!(ARTWORK_CONTENT_TYPES as readonly string[]).includes(typeOf(file))) {
    return `“${file.name}” is not a JPEG, PNG or WebP image. Pick one of those.`;
  }
  if (file.size > ARTWORK_MAX_BYTES) {
    return `“${file.name}” is ${formatBytes(file.size)}; artwork may be at most ${formatBytes(ARTWORK_MAX_BYTES)}. Pick a smaller image.`;
  }
  if (file.size === 0) return `“${file.name}” is empty. Pick another image.`;
  return null;
}
