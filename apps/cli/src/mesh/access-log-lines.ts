// `shadowmesh logs`: the inbound access log of a sidecar's admin `/logs` (JSON lines), as text lines.
import type { AccessLogEntry } from '@shadowmesh/proxy';

/** One entry as the sidecar's admin `/logs` serves it. */
export type SidecarAccessEntry = AccessLogEntry;

/** Parses `/logs` JSON lines, skipping any line that is not an entry. */
export function parseAccessLog(text: string): SidecarAccessEntry[] {
  const out: SidecarAccessEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const entry = JSON.parse(line) as SidecarAccessEntry;
      if (typeof entry.seq === 'number' && typeof entry.method === 'string') out.push(entry);
    } catch {
      // Not JSON: not an entry.
    }
  }
  return out;
}

/**
 * `2025-05-01T10:00:00.123Z GET /headers 200 1.4ms Host: httpbin-shadow:8000 shadow from=sleep id=…`:
 * time, method, path, status, duration, the Host as received, then what the mesh knows of it.
 */
export function formatAccessEntry(e: SidecarAccessEntry): string {
  const flags = e.flags && e.flags !== '-' ? ` flags=${e.flags}` : '';
  const from = e.sourceWorkload ? ` from=${e.sourceWorkload}` : '';
  const duration = `${Math.round(e.durationMs * 10) / 10}ms`;
  return `${e.time} ${e.method} ${e.path} ${e.status} ${duration} Host: ${e.authority}${e.shadow ? ' shadow' : ''}${flags}${from} id=${e.requestId}`;
}
