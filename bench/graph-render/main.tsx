// The benchmark page: renders the dashboard's GraphCanvas (the real component: one long-lived
// cytoscape, syncGraph, dagre layout, the stylesheet) with a synthetic graph, then measures
// first render, idle frame rate, and frame rate and update cost under 1 Hz updates. Results go to
// `window.__benchResult` for run.mjs to read. Query: ?nodes=1000&edges=2000&idle=5&updates=10.
import type { GraphResponse } from '@shadowmesh/api';
import { useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphCanvas } from '../../apps/dashboard/src/graph/GraphCanvas';
import { graphElements } from '../../apps/dashboard/src/graph/graphElements';
import { filterGraph } from '../../apps/dashboard/src/graph/graphFilter';
import { applyDelta } from '../../apps/dashboard/src/graph/stream/applyDelta';
import { syntheticGraph, syntheticTick } from '../../apps/dashboard/src/graph/syntheticGraph';
import '../../apps/dashboard/src/graph/graph.css';

const params = new URLSearchParams(window.location.search);
const NODES = Number(params.get('nodes') ?? 1000);
const EDGES = Number(params.get('edges') ?? 2000);
const IDLE_SECONDS = Number(params.get('idle') ?? 5);
const UPDATE_SECONDS = Number(params.get('updates') ?? 10);

let push: ((graph: GraphResponse) => void) | null = null;
let onSynced: (() => void) | null = null;

function Bench({ initial }: { initial: GraphResponse }) {
  const [graph, setGraph] = useState(initial);
  push = setGraph;
  const elements = useMemo(
    () => graphElements(graph, { edgeLabel: 'rps', filter: filterGraph(graph, null, null) }),
    [graph],
  );
  return (
    <GraphCanvas
      elements={elements}
      selected=""
      onSelect={() => {}}
      summary="benchmark graph"
      onSynced={() => onSynced?.()}
    />
  );
}

const nextSync = () =>
  new Promise<void>((resolve) => {
    onSynced = resolve;
  });
/** After the next frame has been drawn (cytoscape draws in its own animation frame). */
const painted = () =>
  new Promise<number>((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now()))),
  );
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

function countFrames(ms: number): Promise<{ fps: number; longestFrameMs: number }> {
  return new Promise((resolve) => {
    const start = performance.now();
    let last = start;
    let frames = 0;
    let longest = 0;
    const step = (now: number) => {
      frames += 1;
      longest = Math.max(longest, now - last);
      last = now;
      if (now - start < ms) requestAnimationFrame(step);
      else resolve({ fps: (frames * 1000) / (now - start), longestFrameMs: longest });
    };
    requestAnimationFrame(step);
  });
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

async function run() {
  const container = document.getElementById('root');
  if (!container) throw new Error('no #root');
  const graph = syntheticGraph({ nodes: NODES, edges: EDGES, seed: 7 });
  const t0 = performance.now();
  const firstSync = nextSync();
  createRoot(container).render(<Bench initial={graph} />);
  await firstSync;
  const syncedAt = performance.now();
  const paintedAt = await painted();
  const idle = await countFrames(IDLE_SECONDS * 1000);

  const updateMs: number[] = [];
  const updating = countFrames(UPDATE_SECONDS * 1000);
  let current = graph;
  for (let tick = 1; tick <= UPDATE_SECONDS; tick += 1) {
    const started = performance.now();
    current = applyDelta(current, syntheticTick(current, tick));
    const synced = nextSync();
    push?.(current);
    await synced;
    updateMs.push(performance.now() - started);
    await sleep(started + 1000 - performance.now());
  }
  const underUpdates = await updating;
  const canvas = document.querySelector('[data-testid="graph-canvas"]');
  return {
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    drawnNodes: Number(canvas?.getAttribute('data-nodes') ?? 0),
    drawnEdges: Number(canvas?.getAttribute('data-edges') ?? 0),
    firstSyncMs: syncedAt - t0,
    firstRenderMs: paintedAt - t0,
    idleFps: idle.fps,
    idleLongestFrameMs: idle.longestFrameMs,
    updateFps: underUpdates.fps,
    updateLongestFrameMs: underUpdates.longestFrameMs,
    updateP50Ms: percentile(updateMs, 50),
    updateMaxMs: Math.max(...updateMs),
  };
}

const target = window as unknown as { __benchResult?: unknown; __benchError?: string };
run().then(
  (result) => {
    target.__benchResult = result;
  },
  (error: unknown) => {
    target.__benchError = error instanceof Error ? (error.stack ?? error.message) : String(error);
  },
);
