// The results table: rows of "measure | app | baseline | ratio | goal | met?" as Markdown.

/** One figure of a benchmark, formatted for the table, with its numbers kept for the JSON. */
export interface Row {
  /** The benchmark it belongs to (start, concurrency, processing, transfer, server). */
  section: string;
  measure: string;
  app: string;
  baseline: string;
  /** app / baseline (or a difference, for signed figures such as lateness). */
  ratio: string;
  goal: string;
  /** true: goal met, false: missed, null: no goal (reported only). */
  met: boolean | null;
  /** The numbers behind the text, for comparing runs. */
  values?: { app?: number; baseline?: number; ratio?: number; unit?: string };
}

const HEADERS = ['measure', 'app', 'baseline', 'ratio', 'goal', 'met?'] as const;

export function metText(met: boolean | null): string {
  return met === null ? '—' : met ? 'yes' : '**no**';
}

/** Pipes inside a cell would end it: escape them. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** A Markdown table (columns padded, so it reads well in a terminal and stays valid Markdown). */
export function renderTable(rows: readonly Row[]): string {
  const lines = rows.map((r) =>
    [r.measure, r.app, r.baseline, r.ratio, r.goal, metText(r.met)].map(cell),
  );
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(HEADERS), line(widths.map((w) => '-'.repeat(w))), ...lines.map(line)].join('\n');
}

/** Number formatting for cells. */
export const fmt = {
  /** `1.23 s` (digits after the point, default 2); signed when asked: `+0.25 s`. */
  seconds(v: number, digits = 2, signed = false): string {
    if (!Number.isFinite(v)) return 'n/a';
    const text = v.toFixed(digits);
    return `${signed && v >= 0 ? '+' : ''}${text} s`;
  },
  ms(v: number, digits = 1): string {
    return Number.isFinite(v) ? `${v.toFixed(digits)} ms` : 'n/a';
  },
  mb(bytes: number, digits = 0): string {
    return Number.isFinite(bytes) ? `${(bytes / 1_048_576).toFixed(digits)} MB` : 'n/a';
  },
  rate(bytesPerSecond: number): string {
    return Number.isFinite(bytesPerSecond)
      ? `${(bytesPerSecond / 1_048_576).toFixed(0)} MB/s`
      : 'n/a';
  },
  /** `1.05×`, or `n/a`. */
  ratio(r: number | undefined, digits = 2): string {
    return r !== undefined && Number.isFinite(r) ? `${r.toFixed(digits)}×` : 'n/a';
  },
  /** A length of media: `1 h`, `2 min`, `30 s`. */
  length(seconds: number): string {
    if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600} h`;
    if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60} min`;
    return `${seconds} s`;
  },
  /** A signed difference: `Δ −1.52 s`. */
  delta(v: number, digits = 2): string {
    if (!Number.isFinite(v)) return 'n/a';
    return `Δ ${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(digits)} s`;
  },
};
