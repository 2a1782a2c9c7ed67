// `npm test`: install, build, typecheck, lint, import cycles, unit + integration (vitest), e2e (Playwright +
// Chromium).
// Ends with one line `N passed, N failed` summing every suite, and a non-zero exit on any failure.

import {
  cyclesSuite,
  dashboardBuildSuite,
  e2eSuite,
  ensureDebianPackage,
  lintSuite,
  typecheckSuite,
  vitestSuite,
} from './lib/suites.mjs';
import { setup } from './setup.mjs';

const started = Date.now();
await setup();

const results = [];
async function suite(name, fn) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}`);
  const result = await fn();
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(
    `${result.failed ? '✖' : '✔'} ${name}: ${result.passed} passed, ${result.failed} failed (${seconds}s)`,
  );
  results.push({ name, ...result });
  return result;
}

const compiled = await suite('typecheck and compile (tsc -b)', typecheckSuite);
await suite('build dashboard (vite)', dashboardBuildSuite);
await suite('lint and format (biome)', lintSuite);
await suite('import cycles (biome noImportCycles)', cyclesSuite);
if (compiled.failed) {
  // Integration and e2e tests start compiled JavaScript; without it they cannot run.
  results.push({ name: 'tests skipped: compile failed', passed: 0, failed: 1 });
} else {
  // The telemetry tests scrape the mesh with a real Prometheus (Debian package), as users would.
  if (!(await ensureDebianPackage('/usr/bin/prometheus', 'prometheus'))) {
    results.push({ name: 'prometheus missing', passed: 0, failed: 1 });
  }
  await suite('unit and integration (vitest)', vitestSuite);
  const chromium = await ensureDebianPackage('/usr/bin/chromium', 'chromium');
  if (chromium) await suite('end-to-end (playwright, chromium)', e2eSuite);
  else results.push({ name: 'e2e: chromium missing', passed: 0, failed: 1 });
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`\nSuites: ${results.map((r) => `${r.name} ${r.passed}/${r.passed + r.failed}`).join('; ')}`);
console.log(`Total time ${((Date.now() - started) / 1000).toFixed(0)}s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
