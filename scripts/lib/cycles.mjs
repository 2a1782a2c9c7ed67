// Import cycles in every workspace package: Biome's `noImportCycles` rule (enabled in biome.json with
// `ignoreTypes: false`, so an `import type` counts too: a type-only cycle is still a design cycle). Biome
// resolves `./x.js` specifiers to `x.ts` as TypeScript does. One check per package: passed when none of
// its files imports into a cycle. Biome prints each cycle's path; the summary lists the imports per package.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { root, run } from './run.mjs';

const RULE = 'lint/suspicious/noImportCycles';
const reports = join(root, 'node_modules', '.cache', 'shadowmesh-test');

/** Source folders of the workspace packages (pnpm-workspace.yaml): apps and packages `src`, e2e, bench. */
export function cycleRoots() {
  const roots = [];
  for (const group of ['apps', 'packages']) {
    for (const name of readdirSync(join(root, group)).sort()) {
      const src = join(group, name, 'src');
      if (existsSync(join(root, src))) roots.push({ name: `${group}/${name}`, dir: src });
    }
  }
  for (const dir of ['e2e', 'bench']) if (existsSync(join(root, dir))) roots.push({ name: dir, dir });
  return roots;
}

/** The package a reported path (relative to the root) belongs to, or null. */
function packageOf(roots, path) {
  const normal = path.replaceAll('\\', '/');
  return roots.find((r) => normal.startsWith(`${r.dir}/`))?.name ?? null;
}

/** Runs the rule once over every package; returns `{ passed, failed, code }` (one check per package). */
export async function cyclesCheck() {
  const roots = cycleRoots();
  mkdirSync(reports, { recursive: true });
  const out = join(reports, 'cycles.json');
  rmSync(out, { force: true });
  const code = await run(join(root, 'node_modules', '.bin', 'biome'), [
    'lint',
    `--only=${RULE}`,
    '--max-diagnostics=none',
    '--reporter=default',
    '--reporter=json',
    `--reporter-file=${out}`,
    ...roots.map((r) => r.dir),
  ]);
  let report = null;
  try {
    report = JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    // No report: Biome did not run (counted as one failure below).
  }
  if (report === null) return { passed: 0, failed: 1, code };
  const found = new Map(roots.map((r) => [r.name, []]));
  let other = 0;
  for (const d of report.diagnostics ?? []) {
    const name = d.category === RULE ? packageOf(roots, d.location?.path ?? '') : null;
    if (name === null) other++;
    else found.get(name).push(`${d.location.path}:${d.location.start?.line ?? '?'}`);
  }
  // Anything else Biome reported, or a failed run with nothing reported, is one more failure.
  const broken = other > 0 || (code !== 0 && (report.diagnostics ?? []).length === 0);
  let passed = 0;
  let failed = broken ? 1 : 0;
  console.log('\nImport cycles per package:');
  for (const [name, imports] of found) {
    if (imports.length === 0) passed++;
    else failed++;
    console.log(
      imports.length === 0
        ? `  ✔ ${name}: no cycle`
        : `  ✖ ${name}: ${imports.length} import(s) in a cycle: ${imports.join(', ')}`,
    );
  }
  if (broken) console.log(`  ✖ Biome: ${other} other diagnostic(s), exit ${code} (see above)`);
  return { passed, failed, code };
}
