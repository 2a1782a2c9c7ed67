// The control plane from compiled JavaScript, as apps/control-plane/dist/testing/child-server.js starts it,
// plus an IPC channel for the soak: on 'memory' it answers process.memoryUsage() as sampled, and again
// after a full GC (when started with --expose-gc), so the live heap can be told from garbage.
// Flags: --listen HOST:PORT --data DIR --auth token|none [--history-revisions N]. Prints
// `{"url":…,"token":…,"historyRevisions":N}` once listening.
import { controlPlaneConfig } from '../../apps/control-plane/dist/config.js';
import { closeOnSignals, startControlPlane } from '../../apps/control-plane/dist/server.js';

function flag(name) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const auth = flag('auth');
const config = controlPlaneConfig({
  listen: flag('listen') ?? '127.0.0.1:0',
  ...(flag('data') ? { data: flag('data') } : {}),
  ...(auth === 'none' || auth === 'token' ? { auth } : {}),
  ...(flag('history-revisions') ? { historyRevisions: Number(flag('history-revisions')) } : {}),
  logLevel: 'warn',
});
const running = await startControlPlane(config);
process.on('message', (message) => {
  if (message !== 'memory') return;
  const sampled = process.memoryUsage();
  let afterGc = null;
  if (typeof globalThis.gc === 'function') {
    const t0 = performance.now();
    globalThis.gc();
    afterGc = { ...process.memoryUsage(), gcMs: performance.now() - t0 };
  }
  process.send({ type: 'memory', sampled, afterGc });
});
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
// historyRevisions: the history's retention (null from a control plane without one).
process.stdout.write(
  `${JSON.stringify({ url: running.url, token: running.token, historyRevisions: config.historyRevisions ?? null })}\n`,
);
closeOnSignals(running).then(
  () => process.exit(0),
  () => process.exit(1),
);
