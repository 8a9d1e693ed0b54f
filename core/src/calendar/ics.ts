import ical from 'ical-generator';
import type { CalendarRunDto } from '../../contract/operations/calendar';

/** Why a run is marked in the user's calendar app (the UI says the same with its own words). */
function clashNote(run: CalendarRunDto, maxConcurrent: number): string | null {
  if (run.sameStreamClash) return 'Another recording of this stream overlaps this one.';
  if (run.overLimit) {
    return `More recordings than the limit (${maxConcurrent}) would run at once: one of them waits for a free slot.`;
  }
  return null;
}

/** What the event's description says the run records. */
function recordsWhat(run: CalendarRunDto): string {
  return run.title === run.streamName
    ? `Records “${run.streamName}”.`
    : `“${run.title}”: records “${run.streamName}”.`;
}

/**
 * The upcoming runs as an iCalendar (RFC 5545) document, built by ical-generator (it escapes
 * the station's text and folds long lines). Each run is one event from its window's start to its
 * end with a UID stable across fetches (schedule id + cron time), so calendar apps update events
 * rather than duplicating them.
 */
export function calendarIcs(
  runs: readonly CalendarRunDto[],
  options: { now: number; hostName: string; maxConcurrent: number },
): string {
  const calendar = ical({
    name: 'Audio Stream Recorder — upcoming recordings',
    prodId: { company: 'Audio Stream Recorder', product: 'recorder', language: 'EN' },
    ttl: 15 * 60,
  });
  for (const run of runs) {
    const clash = clashNote(run, options.maxConcurrent);
    calendar.createEvent({
      id: `${run.scheduleId}-${Date.parse(run.scheduledAt)}@${options.hostName}`,
      stamp: new Date(options.now),
      start: new Date(run.start),
      end: new Date(run.end),
      summary: clash ? `⚠ Recording: ${run.title}` : `Recording: ${run.title}`,
      description: [recordsWhat(run), clash].filter(Boolean).join('\n'),
    });
  }
  return calendar.toString();
}
