// The admin listener's `/memory` (as Envoy's admin `/memory`): what this process holds, for sizing a
// sidecar — RSS, the V8 heap by space (the young generation is `new_space`), memory outside the heap
// (socket and body buffers: `external`, `arrayBuffers`), and the garbage collections since the first
// `/memory` request (their observer starts then, so a proxy nobody asks pays nothing).
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';

/** node's PerformanceEntry.detail.kind for a GC: 1 scavenge (minor), 2 mark-compact (major), 4 incremental, 8 weak callbacks. */
const MINOR = 1;
const MAJOR = 2;

interface GcCounts {
  since: number;
  minor: { count: number; ms: number };
  major: { count: number; ms: number };
  other: { count: number; ms: number };
}

let gc: GcCounts | null = null;

function watchGc(): GcCounts {
  if (gc !== null) return gc;
  const counts: GcCounts = {
    since: Date.now(),
    minor: { count: 0, ms: 0 },
    major: { count: 0, ms: 0 },
    other: { count: 0, ms: 0 },
  };
  gc = counts;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // node sets `detail.kind` on GC entries; the PerformanceEntry type does not declare it.
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      const bucket = kind === MINOR ? counts.minor : kind === MAJOR ? counts.major : counts.other;
      bucket.count++;
      bucket.ms += entry.duration;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return counts;
}

export interface ProcessMemory {
  rssBytes: number;
  heapTotalBytes: number;
  heapUsedBytes: number;
  externalBytes: number;
  arrayBuffersBytes: number;
  mallocedBytes: number;
  peakMallocedBytes: number;
  /** Per V8 heap space: committed size and used bytes. */
  spaces: Record<string, { sizeBytes: number; usedBytes: number }>;
  gc: GcCounts;
}

export function processMemory(): ProcessMemory {
  const gcCounts = watchGc();
  const usage = process.memoryUsage();
  const heap = getHeapStatistics();
  const spaces: ProcessMemory['spaces'] = {};
  for (const s of getHeapSpaceStatistics())
    if (s.space_size > 0) spaces[s.space_name] = { sizeBytes: s.space_size, usedBytes: s.space_used_size };
  return {
    rssBytes: usage.rss,
    heapTotalBytes: usage.heapTotal,
    heapUsedBytes: usage.heapUsed,
    externalBytes: usage.external,
    arrayBuffersBytes: usage.arrayBuffers,
    mallocedBytes: heap.malloced_memory,
    peakMallocedBytes: heap.peak_malloced_memory,
    spaces,
    gc: gcCounts,
  };
}
