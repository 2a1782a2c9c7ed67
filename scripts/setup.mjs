// Installs the workspace with the pinned pnpm and the frozen lockfile.
import { pnpm, step } from './lib/run.mjs';

export async function setup() {
  await step(
    'install (pnpm, frozen lockfile)',
    pnpm(['install', '--frozen-lockfile', '--reporter=append-only']),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await setup();
