// Builds every part: TypeScript project references (typecheck + emit), then the dashboard bundle.
import { join } from 'node:path';
import { root, run, step } from './lib/run.mjs';

const bin = (name, dir = root) => join(dir, 'node_modules', '.bin', name);

export function typecheck() {
  return run(bin('tsc'), ['-b']);
}

export function buildDashboard() {
  const dir = join(root, 'apps', 'dashboard');
  return run(bin('vite', dir), ['build', '--logLevel', 'warn'], { cwd: dir });
}

export async function build() {
  await step('typecheck and compile (tsc -b)', typecheck());
  await step('build dashboard (vite)', buildDashboard());
}

if (import.meta.url === `file://${process.argv[1]}`) await build();
