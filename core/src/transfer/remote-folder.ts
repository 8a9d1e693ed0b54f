// The destination's remote folder as every transfer names it (uploads, the connection test, the
// feed file, the feed's public addresses). Pure.

/** The destination's remote folder: trimmed; blank is the login folder. */
export function remoteFolderOf(destination: { remoteDir: string }): string {
  return destination.remoteDir.trim() || '.';
}
