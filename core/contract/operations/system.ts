import { z } from 'zod';
import { operationAt } from '../operation';

/** `GET /api/system`: what the status page shows. */
export const systemStatusDtoSchema = z.strictObject({
  version: z.string(),
  uptimeSeconds: z.number().int().nonnegative(),
  /** `version` is null when ffmpeg cannot be run (then nothing can be recorded). */
  ffmpeg: z.strictObject({ path: z.string(), version: z.string().nullable() }),
  /** The file system that holds RECORDINGS_DIR. */
  disk: z.strictObject({
    path: z.string(),
    freeBytes: z.number().nonnegative(),
    totalBytes: z.number().nonnegative(),
  }),
  memory: z.strictObject({ rssBytes: z.number().nonnegative() }),
  activeRecordings: z.number().int().nonnegative(),
  maxConcurrentRecordings: z.number().int().positive(),
});
export type SystemStatusDto = z.output<typeof systemStatusDtoSchema>;

/** `GET /api/health`. */
export const healthDtoSchema = z.strictObject({ status: z.literal('ok'), version: z.string() });
export type HealthDto = z.output<typeof healthDtoSchema>;

export const systemGet = operationAt('GET /api/system', 'system.get', {
  input: z.object({}),
  output: systemStatusDtoSchema,
  summary: 'Version, uptime, ffmpeg, free disk space, memory and the recordings running now.',
});

export const health = operationAt('GET /api/health', 'health', {
  input: z.object({}),
  output: healthDtoSchema,
  summary:
    'Liveness for the container health check: {status:"ok", version}. Needs no authentication.',
});

export const systemSpecs = [systemGet, health] as const;
