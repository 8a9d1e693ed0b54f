// The raw results: bench-results/<ISO timestamp>.json and bench-results/latest.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MachineInfo } from './machine';
import type { Row } from './table';

export interface SectionResult {
  name: string;
  /** Wall time the benchmark took. */
  durationMs: number;
  rows: Row[];
  /** Every number measured, for comparing runs. */
  raw: Record<string, unknown>;
  /** Set when the benchmark could not run to its end. */
  error?: string;
}

export interface BenchDocument {
  schema: 1;
  mode: 'full' | 'quick';
  only: string[];
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  machine: MachineInfo;
  loadAverage: { start: number[]; end: number[] };
  sections: SectionResult[];
}

/** `2026-11-24T09-25-02.123Z`: an ISO timestamp usable as a file name everywhere. */
export function timestampName(date: Date): string {
  return date.toISOString().replace(/:/g, '-');
}

/** JSON.stringify that keeps NaN/Infinity readable (as null) and rounds nothing. */
export function toJson(doc: unknown): string {
  return `${JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}

/** Writes the document twice: under its start time, and as latest.json. Returns both paths. */
export async function writeResults(dir: string, doc: BenchDocument): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const text = toJson(doc);
  const stamped = join(dir, `${timestampName(new Date(doc.startedAt))}.json`);
  const latest = join(dir, 'latest.json');
  await writeFile(stamped, text);
  await writeFile(latest, text);
  return [stamped, latest];
}
