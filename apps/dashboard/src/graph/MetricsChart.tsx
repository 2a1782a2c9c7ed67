// A small live chart (uPlot) of one metric of the selected node or edge. uPlot owns the div's
// children; React renders the div once and never gives it children, so the two never collide.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartData } from './metricsSeries';

interface MetricsChartProps {
  title: string;
  data: ChartData;
  height?: number;
}

function aligned(data: ChartData): uPlot.AlignedData {
  return [data.x, ...data.series.map((s) => s.values)];
}

export function MetricsChart({ title, data, height = 110 }: MetricsChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  // The lines a chart has are fixed when it is made; a different set makes a new chart.
  const shape = data.series.map((s) => `${s.label}:${s.stroke}`).join('|');
  const latest = useRef(data);
  latest.current = data;

  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt only when its lines change (shape); data goes through setData.
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const current = latest.current;
    const chart = new uPlot(
      {
        width: Math.max(element.clientWidth, 200),
        height,
        legend: { show: true, live: false },
        cursor: { y: false },
        // From 0, and at least to 1, so a flat zero line sits at the bottom rather than mid-chart.
        scales: { x: { time: true }, y: { range: (_self, _min, max) => [0, Math.max(1, max)] } },
        axes: [{ size: 28 }, { size: 44 }],
        series: [
          {},
          ...current.series.map((s) => ({ label: s.label, stroke: s.stroke, width: 1.5, spanGaps: false })),
        ],
      },
      aligned(current),
      element,
    );
    plot.current = chart;
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(element.clientWidth, 200), height }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [shape, height]);

  useEffect(() => {
    plot.current?.setData(aligned(data));
  }, [data]);

  return (
    <figure className="metrics-chart">
      <figcaption>{title}</figcaption>
      <div ref={container} />
    </figure>
  );
}
