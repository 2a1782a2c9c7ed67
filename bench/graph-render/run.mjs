// Graph render benchmark: builds the benchmark page (vite), serves it on loopback, opens it in
// headless Chromium (Playwright, Debian's /usr/bin/chromium) and prints first render time and
// frame rates for a synthetic 1,000-node / 2,000-edge graph. Targets: first render < 2 s, ≥ 30 fps idle.
// Usage: node bench/graph-render/run.mjs [--nodes 1000] [--edges 2000] [--idle 5] [--updates 10] [--runs 5]
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const options = {
  nodes: arg('nodes', 1000),
  edges: arg('edges', 2000),
  idle: arg('idle', 5),
  updates: arg('updates', 10),
  runs: arg('runs', 5),
};
const TARGETS = { firstRenderMs: 2000, idleFps: 30 };

// Playwright is the e2e package's dependency; the browser is Debian's (nothing is downloaded).
const { chromium } = createRequire(join(repo, 'e2e', 'package.json'))('@playwright/test');

mkdirSync(join(repo, 'bench', 'out'), { recursive: true });
const config = join(here, 'vite.config.mjs');
await build({ configFile: config });
const server = await preview({
  configFile: config,
  preview: { host: '127.0.0.1', port: 0, strictPort: false },
});
const address = server.httpServer.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const runs = [];
const loadBefore = loadavg()[0];
console.log(
  `machine: ${cpus().length} cores, load average ${loadBefore.toFixed(2)} (other work slows every figure)`,
);
try {
  for (let run = 1; run <= options.runs; run += 1) {
    // A fresh page per run: nothing cached in the renderer between runs.
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const query = new URLSearchParams({
      nodes: String(options.nodes),
      edges: String(options.edges),
      idle: String(options.idle),
      updates: String(options.updates),
    });
    await page.goto(`${base}?${query}`);
    const timeout = (options.idle + options.updates + 60) * 1000;
    await page.waitForFunction(() => window.__benchResult || window.__benchError, null, { timeout });
    const { result, error } = await page.evaluate(() => ({
      result: window.__benchResult,
      error: window.__benchError,
    }));
    if (error || errors.length > 0) throw new Error(`benchmark page failed: ${error ?? errors.join('\n')}`);
    if (run === 1) await page.screenshot({ path: join(repo, 'bench', 'out', 'graph-render.png') });
    await page.close();
    runs.push(result);
    console.log(
      `run ${run}: ${result.nodes} nodes / ${result.edges} edges: first render ${result.firstRenderMs.toFixed(0)} ms ` +
        `(synced ${result.firstSyncMs.toFixed(0)} ms), idle ${result.idleFps.toFixed(1)} fps ` +
        `(longest frame ${result.idleLongestFrameMs.toFixed(0)} ms), under 1 Hz updates ${result.updateFps.toFixed(1)} fps ` +
        `(longest frame ${result.updateLongestFrameMs.toFixed(0)} ms), update p50 ${result.updateP50Ms.toFixed(0)} ms ` +
        `max ${result.updateMaxMs.toFixed(0)} ms`,
    );
  }
} finally {
  await browser.close();
  await new Promise((resolve) => server.httpServer.close(resolve));
}

const median = (key) => {
  const values = runs.map((r) => r[key]).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)];
};
const summary = {
  date: new Date().toISOString(),
  options,
  targets: TARGETS,
  machine: { cores: cpus().length, loadBefore, loadAfter: loadavg()[0] },
  median: Object.fromEntries(Object.keys(runs[0]).map((key) => [key, median(key)])),
  runs,
};
writeFileSync(join(repo, 'bench', 'out', 'graph-render.json'), `${JSON.stringify(summary, null, 2)}\n`);
const m = summary.median;
const ok = m.firstRenderMs < TARGETS.firstRenderMs && m.idleFps >= TARGETS.idleFps;
console.log(
  `\nmedian of ${runs.length}: first render ${m.firstRenderMs.toFixed(0)} ms (target < ${TARGETS.firstRenderMs}), ` +
    `idle ${m.idleFps.toFixed(1)} fps (target ≥ ${TARGETS.idleFps}), under 1 Hz updates ${m.updateFps.toFixed(1)} fps, ` +
    `update p50 ${m.updateP50Ms.toFixed(0)} ms → ${ok ? 'targets met' : 'TARGETS MISSED'}`,
);
process.exit(ok ? 0 : 1);
