// Starts a control plane in its own process for integration tests and benchmarks (run from the
// compiled dist/testing/child-server.js). Flags: --listen HOST:PORT --data DIR --auth token|none
// [--log-level LEVEL]. Prints one JSON line `{"url":…,"token":…}` once listening; SIGTERM/SIGINT stop it.
import { controlPlaneConfig } from '../config.js';
import { closeOnSignals, startControlPlane } from '../server.js';

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const auth = flag('auth');
const config = controlPlaneConfig({
  listen: flag('listen') ?? '127.0.0.1:0',
  ...(flag('data') ? { data: flag('data') } : {}),
  ...(auth === 'none' || auth === 'token' ? { auth } : {}),
  logLevel: flag('log-level') ?? 'warn',
});
const running = await startControlPlane(config);
process.stdout.write(`${JSON.stringify({ url: running.url, token: running.token })}\n`);
closeOnSignals(running).then(
  () => process.exit(0),
  () => process.exit(1),
);
