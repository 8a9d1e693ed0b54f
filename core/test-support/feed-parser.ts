// Reads a podcast feed with a parser that is not ours: Debian's python3-feedparser (installed by
// `npm run test:setup`), the library most podcast tools use. Answers what it understood.
import { runPythonJson } from './python';

/** What feedparser read of a feed (its own field names). */
export interface ParsedFeed {
  /** feedparser's "bozo": the XML was not well-formed (with the reason). */
  bozo: boolean;
  bozoException: string | null;
  version: string;
  namespaces: Record<string, string>;
  feed: Record<string, unknown>;
  entries: Record<string, unknown>[];
}

const PARSER = `
import json, sys
try:
    import feedparser
except ImportError:
    sys.exit("python3-feedparser is missing: run npm run test:setup")
d = feedparser.parse(sys.stdin.buffer.read())
def plain(v):
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    return str(v)
print(json.dumps({
    "bozo": bool(d.bozo),
    "bozoException": str(d.get("bozo_exception")) if d.bozo else None,
    "version": d.version,
    "namespaces": plain(d.namespaces),
    "feed": plain(d.feed),
    "entries": [plain(e) for e in d.entries],
}))
`;

/** Parses RSS/Atom with feedparser; fails loudly when Python or the module is missing. */
export function parseFeed(xml: string): Promise<ParsedFeed> {
  return runPythonJson<ParsedFeed>(PARSER, xml, 'feedparser');
}
