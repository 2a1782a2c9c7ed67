// Each suite of `npm test`: runs one tool and returns { passed, failed } counts for the summary line.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildDashboard, typecheck } from '../build.mjs';
import { cyclesCheck } from './cycles.mjs';
import { root, run } from './run.mjs';

const reports = join(root, 'node_modules', '.cache', 'shadowmesh-test');
const bin = (name, dir = root) => join(dir, 'node_modules', '.bin', name);

/** A tool that either passes or fails as a whole counts as one check. */
async function check(promise) {
  const code = await promise;
  return { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, code };
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** `tsc -b`, then the graph-render benchmark's page (outside the project references: it is never emitted). */
export const typecheckSuite = () =>
  check(
    typecheck().then((code) =>
      code !== 0 ? code : run(bin('tsc'), ['-p', join('bench', 'graph-render', 'tsconfig.json')]),
    ),
  );
export const dashboardBuildSuite = () => check(buildDashboard());
export const lintSuite = () =>
  check(run(bin('biome'), ['check', '--reporter=summary', '.']).then((code) => code));
/** Import cycles (Biome's noImportCycles, type-only imports included): one check per workspace package. */
export const cyclesSuite = () => cyclesCheck();

/** Vitest: unit and integration tests of every package and app. */
export async function vitestSuite() {
  mkdirSync(reports, { recursive: true });
  const out = join(reports, 'vitest.json');
  rmSync(out, { force: true });
  const code = await run(bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  const report = readJson(out);
  if (!report) return { passed: 0, failed: 1, code };
  // A suite that failed to load has no tests but still failed.
  const failedFiles = report.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  ).length;
  return { passed: report.numPassedTests, failed: report.numFailedTests + failedFiles, code };
}

/** Playwright end-to-end tests in Debian's Chromium. */
export async function e2eSuite() {
  const out = join(reports, 'playwright.json');
  rmSync(out, { force: true });
  const code = await run(bin('playwright', join(root, 'e2e')), ['test', '--reporter=list,json'], {
    cwd: join(root, 'e2e'),
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: out },
  });
  const report = readJson(out);
  if (!report) return { passed: 0, failed: 1, code };
  const { expected = 0, unexpected = 0, flaky = 0 } = report.stats ?? {};
  const errors = report.errors?.length ?? 0;
  return { passed: expected, failed: unexpected + flaky + errors, code };
}

/** Installs a Debian package when its binary is missing and we are root; otherwise says what to run. */
export async function ensureDebianPackage(binary, pkg) {
  if (existsSync(binary)) return true;
  if (process.getuid?.() !== 0) {
    console.error(`${binary} is missing. Install it with: sudo apt-get install -y ${pkg}`);
    return false;
  }
  console.log(`Installing ${pkg} (Debian package) for ${binary}…`);
  const update = await run('apt-get', ['update', '-qq']);
  const install = update === 0 ? await run('apt-get', ['install', '-y', '-qq', pkg]) : update;
  return install === 0 && existsSync(binary);
}
