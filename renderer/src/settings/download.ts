/** How long the object URL of a download stays valid (the browser reads it after the click). */
const REVOKE_AFTER_MS = 60_000;

/**
 * Saves `value` as a JSON file through the browser's download (a Blob behind an object URL and
 * a link with `download`); nothing is sent anywhere.
 */
export function downloadJson(value: unknown, fileName: string, doc: Document = document): void {
  const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}
