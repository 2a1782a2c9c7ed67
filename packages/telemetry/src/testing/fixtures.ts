// Test fixtures of this package: a typical edge key and a seeded random source (mulberry32), so every
// run draws the same traffic.
import type { EdgeKey } from '../edge-key.js';

/** `sleep` → httpbin v1, primary, 200, reported by the source. */
export const SAMPLE_KEY: Readonly<EdgeKey> = Object.freeze({
  reporter: 'source',
  sourceWorkload: 'sleep',
  sourceApp: 'sleep',
  sourceVersion: 'unknown',
  sourceNamespace: 'default',
  destinationService: 'httpbin.default.svc.cluster.local',
  destinationWorkload: 'httpbin-v1',
  destinationApp: 'httpbin',
  destinationVersion: 'v1',
  destinationNamespace: 'default',
  responseCode: 200,
  responseFlags: '-',
  requestType: 'primary',
  protocol: 'http',
});

/** mulberry32: a small seeded generator of numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
