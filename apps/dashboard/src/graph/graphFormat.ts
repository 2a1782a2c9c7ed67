// How the graph writes numbers: rates, ratios as percentages, latencies.

/** Requests per second: `0`, `<0.01`, `0.25`, `9.12`, `12.3`, `456`. */
export function formatRps(rps: number): string {
  if (!Number.isFinite(rps) || rps <= 0) return '0';
  if (rps < 0.01) return '<0.01';
  if (rps < 10) return trimZeros(rps.toFixed(2));
  if (rps < 100) return trimZeros(rps.toFixed(1));
  return String(Math.round(rps));
}

/** A 0..1 ratio as a percentage: `0%`, `<0.01%`, `0.05%`, `5.3%`, `89.4%`, `100%`. */
export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio) || ratio <= 0) return '0%';
  const percent = ratio * 100;
  if (percent >= 100) return '100%';
  if (percent < 0.01) return '<0.01%';
  if (percent < 1) return `${trimZeros(percent.toFixed(2))}%`;
  return `${trimZeros(percent.toFixed(1))}%`;
}

/** A latency: `–` when unknown, `0.4ms`, `12ms`, `1.25s`. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms >= 1000) return `${trimZeros((ms / 1000).toFixed(2))}s`;
  if (ms < 10) return `${trimZeros(ms.toFixed(1))}ms`;
  return `${Math.round(ms)}ms`;
}

function trimZeros(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}
