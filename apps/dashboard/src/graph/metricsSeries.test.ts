import { describe, expect, it } from 'vitest';
import { chartData } from './metricsSeries';

const metrics = {
  target: 'edge-1',
  stepSeconds: 10,
  series: [
    { t: 20_000, rps: 3, errorRatio: 0.5, p50Ms: null, p95Ms: null, p99Ms: null },
    { t: 10_000, rps: 2, errorRatio: 0, p50Ms: 5, p95Ms: 9, p99Ms: 12 },
  ],
};

describe('chartData', () => {
  it('sorts by time, in seconds, one line per value', () => {
    const rps = chartData(metrics, 'rps');
    expect(rps.x).toEqual([10, 20]);
    expect(rps.series).toEqual([{ label: 'req/s', stroke: '#2f6fde', values: [2, 3] }]);
  });

  it('leaves gaps where no request completed', () => {
    const latency = chartData(metrics, 'latency');
    expect(latency.series.map((s) => s.values)).toEqual([
      [5, null],
      [9, null],
      [12, null],
    ]);
  });

  it('writes error ratios as percentages', () => {
    expect(chartData(metrics, 'errors').series[0]?.values).toEqual([0, 50]);
  });

  it('is empty for an empty series', () => {
    expect(chartData({ ...metrics, series: [] }, 'rps')).toEqual({
      x: [],
      series: [{ label: 'req/s', stroke: '#2f6fde', values: [] }],
    });
  });
});
