// Where the compiled CLI is, from either src/mesh (tests) or dist/mesh (the CLI itself): children always
// run compiled JavaScript.
import { fileURLToPath, pathToFileURL } from 'node:url';

/** apps/cli/ */
export const CLI_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `bin/shadowmesh.mjs`, which runs `dist/main.js`. */
export const CLI_BIN = fileURLToPath(new URL('../../bin/shadowmesh.mjs', import.meta.url));

/** Preloaded into every child so it stops when the runner goes away (see parent-watch.ts). */
export const PARENT_WATCH = fileURLToPath(new URL('../../dist/mesh/parent-watch.js', import.meta.url));

/** `node [--import parent-watch] bin/shadowmesh.mjs …args`: argv for a child running a CLI subcommand. */
export function cliArgv(args: readonly string[]): string[] {
  return ['--import', pathToFileURL(PARENT_WATCH).href, CLI_BIN, ...args];
}
