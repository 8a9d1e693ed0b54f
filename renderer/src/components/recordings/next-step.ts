import type { SessionDto } from '@contract';

/** What a session's error message means for the user, and where to go about it. */
export interface NextStep {
  severity: 'error' | 'warning' | 'info';
  /** What to do next (shown under the server's message). */
  text: string;
  /** The page that fixes it. */
  link?: { name: 'streams' | 'destinations' | 'settings'; label: string };
}

/** The next step for a session that has an error message (null when it has none). */
export function nextStepFor(session: SessionDto): NextStep | null {
  const message = session.errorMessage;
  if (!message) return null;
  if (session.stopReason === 'missed') {
    return {
      severity: 'warning',
      text: 'Nothing was recorded: the app was off or asleep, or every recording slot was busy, during this window. Keep the app running at that time, or allow more recordings at once in Settings.',
      link: { name: 'settings', label: 'Open Settings' },
    };
  }
  if (session.stopReason === 'disk-full' || message.includes('DISK_FULL')) {
    return {
      severity: 'warning',
      text: 'The disk ran low on space. Free some space (or lower the minimum free space in Settings) so that the next recordings are complete.',
      link: { name: 'settings', label: 'Open Settings' },
    };
  }
  if (session.stopReason === 'user') {
    return {
      severity: 'info',
      text: 'Stopped by request: what was captured until then is kept.',
    };
  }
  if (session.transferStatus === 'FAILED') {
    return {
      severity: 'error',
      text: 'Check the destination (Test in Destinations), then use Retry transfer.',
      link: { name: 'destinations', label: 'Open Destinations' },
    };
  }
  if (session.transferStatus === 'PENDING' && session.status === 'COMPLETED') {
    return {
      severity: 'warning',
      text: 'The transfer is tried again by itself at the time given; Retry transfer sends it now.',
    };
  }
  if (session.status === 'FAILED') {
    if (message.startsWith('Processing failed')) {
      return {
        severity: 'error',
        text: 'The raw recording is kept. The log lines below say what went wrong.',
      };
    }
    return {
      severity: 'error',
      text: 'Check the stream’s address with “Test stream” in its editor (Streams), and the log lines below.',
      link: { name: 'streams', label: 'Open Streams' },
    };
  }
  return { severity: 'warning', text: 'The log lines below tell more.' };
}
