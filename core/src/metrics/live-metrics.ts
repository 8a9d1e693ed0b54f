import { diskUsage } from '../system/disk-usage';
import type { LiveMetricsSource } from './metrics-port';

/** What the live part of the metrics reads: the engine's running recordings and slots. */
export interface LiveMetricsDeps {
  /** The recordings running now (ActiveRecordings). */
  active: { readonly count: number };
  /** The recording slots (the scheduler's RecordingSlots). */
  slots: { readonly inUse: number; readonly capacity: number; readonly waiting: number };
  /** A folder on the file system of the recordings (the data dir). */
  diskPath: string;
  /** Free space of a path (default: statfs). */
  freeBytes?: (path: string) => Promise<number>;
}

/** The live part of the metrics port, from memory and statfs; no database query. */
export function liveMetricsSource(deps: LiveMetricsDeps): LiveMetricsSource {
  const freeBytes = deps.freeBytes ?? (async (path: string) => (await diskUsage(path)).freeBytes);
  return {
    recordingsRunning: () => deps.active.count,
    slots: () => ({
      used: deps.slots.inUse,
      total: deps.slots.capacity,
      waiting: deps.slots.waiting,
    }),
    diskFreeBytes: async () => {
      try {
        return await freeBytes(deps.diskPath);
      } catch {
        return undefined;
      }
    },
  };
}
