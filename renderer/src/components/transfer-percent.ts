import type { TransferProgress } from '../stores/sessions';

/** How far an upload is, 0..100 (whole numbers), or null while its size is not known. */
export function transferPercent(progress: TransferProgress | undefined): number | null {
  if (!progress || progress.totalBytes <= 0) return null;
  return Math.min(100, Math.round((progress.bytes / progress.totalBytes) * 100));
}
