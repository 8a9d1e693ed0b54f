import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** What mutagen (Debian's python3-mutagen: a tag reader that is not ours) reads from an MP3. */
export interface MutagenId3 {
  title: string;
  /** APIC frames: picture type and byte length. */
  pictures: { type: number; bytes: number }[];
  ctoc: { id: string; flags: number; children: string[] }[];
  chap: { id: string; start: number; end: number; title: string }[];
}

const SCRIPT = `
import sys, json
from mutagen.id3 import ID3
t = ID3(sys.argv[1])
print(json.dumps({
  "title": str(t.get("TIT2", "")),
  "pictures": [{"type": int(f.type), "bytes": len(f.data)} for f in t.getall("APIC")],
  "ctoc": [{"id": f.element_id, "flags": int(f.flags), "children": list(f.child_element_ids)}
           for f in t.getall("CTOC")],
  "chap": [{"id": f.element_id, "start": f.start_time, "end": f.end_time,
            "title": str(f.sub_frames.get("TIT2", ""))} for f in t.getall("CHAP")],
}))
`;

/** Reads the ID3v2 tag of `file` with mutagen (/usr/bin/python3). */
export async function readId3WithMutagen(file: string): Promise<MutagenId3> {
  const { stdout } = await promisify(execFile)('/usr/bin/python3', ['-c', SCRIPT, file], {
    timeout: 60_000,
  });
  return JSON.parse(stdout) as MutagenId3;
}
