// Reads an iCalendar document with a parser that is not ours: Debian's python3-icalendar.
import { runPythonJson } from './python';

export interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  /** ISO-8601 with offset, as Python's isoformat() writes it. */
  start: string;
  end: string;
}

export interface ParsedCalendar {
  prodId: string;
  version: string;
  events: ParsedEvent[];
}

const PARSER = `
import json, sys
try:
    from icalendar import Calendar
except ImportError:
    sys.exit("python3-icalendar is missing: run npm run test:setup")
cal = Calendar.from_ical(sys.stdin.read())
events = [{"uid": str(e.get("uid")), "summary": str(e.get("summary")),
           "description": str(e.get("description", "")),
           "start": e.decoded("dtstart").isoformat(), "end": e.decoded("dtend").isoformat()}
          for e in cal.walk("VEVENT")]
print(json.dumps({"prodId": str(cal.get("prodid")), "version": str(cal.get("version")),
                  "events": events}))
`;

/** Parses iCalendar text with python3-icalendar; fails loudly when it refuses it. */
export function parseICalendar(text: string): Promise<ParsedCalendar> {
  return runPythonJson<ParsedCalendar>(PARSER, text, 'the iCalendar parser');
}
