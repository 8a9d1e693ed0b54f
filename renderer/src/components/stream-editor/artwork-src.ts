import type { StreamDto } from '@contract/operations';
import { fileUrl } from '../../api/file-url';

/**
 * Where an <img> shows a stream's artwork, or null when it has none. The URL of the artwork never
 * changes when it is replaced, so the stream's `updatedAt` is added: a new image is fetched anew,
 * an unchanged one comes from the cache (the server ignores the query).
 */
export function artworkSrc(stream: Pick<StreamDto, 'artworkUrl' | 'updatedAt'>): string | null {
  if (!stream.artworkUrl) return null;
  return `${fileUrl(stream.artworkUrl)}?v=${encodeURIComponent(stream.updatedAt)}`;
}
