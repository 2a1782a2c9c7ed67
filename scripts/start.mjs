// `npm start`: install, build, then run the demo mesh with the dashboard until Ctrl-C.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build } from './build.mjs';
import { root } from './lib/run.mjs';
import { setup } from './setup.mjs';

await setup();
await build();

const args = process.argv.slice(2);
const cli = join(root, 'apps', 'cli', 'bin', 'shadowmesh.mjs');
// The mesh runs in its own process group so one forwarded signal stops it and everything it started,
// exactly once (Ctrl-C would otherwise reach it twice: from the terminal and from us).
const child = spawn(process.execPath, [cli, 'demo', ...args], {
  cwd: root,
  stdio: 'inherit',
  detached: true,
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    try {
      process.kill(-child.pid, 'SIGINT');
    } catch {
      // Already gone.
    }
  });
}
child.on('exit', (code, signal) => process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0))));
