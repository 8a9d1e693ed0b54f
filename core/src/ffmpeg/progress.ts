/** One block of ffmpeg's `-progress` output (key=value lines ending with `progress=...`). */
export interface ProgressReport {
  /** Media time written so far, in seconds (0 while unknown). */
  outTimeSeconds: number;
  /** Bytes written to the output so far (0 while unknown). */
  totalSize: number;
  /** `end` on the last report, when ffmpeg finishes. */
  progress: 'continue' | 'end';
}

function toNumber(value: string | undefined): number {
  if (value === undefined) return 0;
  const n = Number(value.trim());
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/**
 * Splits `-progress pipe:1` output, which arrives in arbitrary chunks, into reports. Feed it every
 * stdout chunk; `onReport` is called once per complete block.
 */
export function createProgressParser(
  onReport: (report: ProgressReport) => void,
): (chunk: string) => void {
  let buffer = '';
  let fields: Record<string, string> = {};
  return (chunk: string) => {
    buffer += chunk;
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
      const eq = line.indexOf('=');
      if (eq <= 0) continue;
      const key = line.slice(0, eq).trim();
      const value = line.slice(eq + 1).trim();
      if (key !== 'progress') {
        fields[key] = value;
        continue;
      }
      // out_time_us is authoritative; out_time_ms is also in µs (a historical ffmpeg quirk)
      const us = toNumber(fields.out_time_us ?? fields.out_time_ms);
      onReport({
        outTimeSeconds: us / 1_000_000,
        totalSize: toNumber(fields.total_size),
        progress: value === 'end' ? 'end' : 'continue',
      });
      fields = {};
    }
    // a line without newline is kept; protect against a runaway line
    if (buffer.length > 65_536) buffer = buffer.slice(-1024);
  };
}
