// exec against recorded workloads: the environment it gives the command, and exit codes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSidecars, startFakeSidecars } from '../mesh/testing/fake-sidecar-admin.js';
import { runInProcess } from '../mesh/testing/mesh-harness.js';

let fake: FakeSidecars;

beforeAll(async () => {
  fake = await startFakeSidecars();
});

afterAll(() => fake.close());

const cli = (argv: string[]) => {
  const dash = argv.indexOf('--');
  const at = dash < 0 ? argv.length : dash;
  return runInProcess([...argv.slice(0, at), '--data', fake.dataDir, ...argv.slice(at)], {
    env: { PATH: process.env.PATH },
  });
};

describe('shadowmesh exec', () => {
  it('runs the command with the sidecar outbound as http_proxy and HTTP_PROXY, and no no_proxy', async () => {
    const res = await cli(['exec', 'sleep', '--', 'sh', '-c', 'echo "$http_proxy|$HTTP_PROXY|[$no_proxy]"']);
    expect(res).toEqual({ code: 0, stdout: 'http://127.0.0.1:3128|http://127.0.0.1:3128|[]\n', stderr: '' });
  });

  it.each([
    [['sh', '-c', 'echo out; echo err >&2; exit 3'], 3],
    [['sh', '-c', 'kill -TERM $$'], 143],
    [['no-such-command-here'], 127],
  ])('exits with the code of %j', async (command, code) => {
    expect((await cli(['exec', 'sleep', '--', ...command])).code).toBe(code);
  });

  it('says so when the command does not exist', async () => {
    expect((await cli(['exec', 'sleep', '--', 'no-such-command-here'])).stderr).toBe(
      'error: no-such-command-here: command not found\n',
    );
  });

  it('names the running workloads when the one asked for is not, and wants -n when a name is in several namespaces', async () => {
    const missing = await cli(['exec', 'nope', '--', 'true']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'error: workload "nope" is not running; running: sleep, httpbin-v2, back (-n music), back (-n shop), gone\n',
    );
    const ambiguous = await cli(['exec', 'back', '--', 'true']);
    expect(ambiguous.stderr).toBe(
      'error: workload "back" runs in several namespaces (music, shop): pass -n NAMESPACE\n',
    );
    expect((await cli(['exec', 'back', '-n', 'shop', '--', 'true'])).code).toBe(0);
  });

  it('explains where workloads come from when none are recorded', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'shadowmesh-exec-empty-'));
    try {
      const res = await runInProcess(['exec', 'sleep', '--data', empty, '--', 'true']);
      expect(res.stderr).toMatch(
        /is not running: no workloads are recorded in .* \(start them with shadowmesh run -f FILE or shadowmesh demo\)/,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
