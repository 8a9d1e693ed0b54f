import { z } from 'zod';
import { defineOperation } from '../operation';

/** `GET /api/system`: what the status page shows. */
export interface SystemStatusDto {
  version: string;
  uptimeSeconds: number;
  /** `version` is null when ffmpeg cannot be run (then nothing can be recorded). */
  ffmpeg: { path: string; version: string | null };
  /** The file system that holds RECORDINGS_DIR. */
  disk: { path: string; freeBytes: number; totalBytes: number };
  memory: { rssBytes: number };
  activeRecordings: number;
  maxConcurrentRecordings: number;
}

/** `GET /api/health`. */
export interface HealthDto {
  status: 'ok';
  version: string;
}

export const systemGet = defineOperation({
  name: 'system.get',
  input: z.object({}),
  http: { method: 'GET', path: '/api/system' },
  summary: 'Version, uptime, ffmpeg, free disk space, memory and the recordings running now.',
});

export const health = defineOperation({
  name: 'health',
  input: z.object({}),
  http: { method: 'GET', path: '/api/health' },
  summary:
    'Liveness for the container health check: {status:"ok", version}. Needs no authentication.',
});

export const systemSpecs = [systemGet, health] as const;
