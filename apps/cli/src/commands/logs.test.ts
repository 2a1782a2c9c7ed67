// logs against a recorded workload whose sidecar admin serves /logs: text and JSON lines, --tail, -f.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { captureIO } from '../client/testing/capture-io.js';
import { type FakeSidecars, startFakeSidecars } from '../mesh/testing/fake-sidecar-admin.js';
import { runInProcess } from '../mesh/testing/mesh-harness.js';
import { logsCommand } from './logs.js';

let fake: FakeSidecars;

beforeAll(async () => {
  fake = await startFakeSidecars();
  fake.addEntry('/headers', 'httpbin-shadow:8000', true);
  fake.addEntry('/get?a=1', 'httpbin:8000');
});

afterAll(() => fake.close());

const cli = (argv: string[]) => {
  const dash = argv.indexOf('--');
  const at = dash < 0 ? argv.length : dash;
  return runInProcess([...argv.slice(0, at), '--data', fake.dataDir, ...argv.slice(at)], {
    env: { PATH: process.env.PATH },
  });
};

describe('shadowmesh logs', () => {
  it('prints the access log as the inbound sidecar saw it, or as JSON lines', async () => {
    const text = await cli(['logs', 'httpbin-v2']);
    expect(text.stdout).toBe(
      '2025-05-01T10:00:00.000Z GET /headers 200 2ms Host: httpbin-shadow:8000 shadow from=sleep id=id-1\n' +
        '2025-05-01T10:00:01.000Z GET /get?a=1 200 2ms Host: httpbin:8000 from=sleep id=id-2\n',
    );
    expect((await cli(['logs', 'httpbin-v2', '--tail', '1', '-o', 'json'])).stdout).toBe(
      `${JSON.stringify(fake.entries[1])}\n`,
    );
  });

  it('follows new requests with -f until stopped', async () => {
    const io = captureIO({ env: {} });
    let stop!: () => void;
    const until = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const running = logsCommand(
      { workload: 'sleep', data: fake.dataDir, follow: true, tail: '1', pollMs: 20, until },
      io,
    );
    await vi.waitFor(() => expect(io.stdoutText()).toContain('/get?a=1'));
    fake.addEntry('/later', 'httpbin:8000');
    await vi.waitFor(() => expect(io.stdoutText()).toContain('GET /later 200'));
    stop();
    expect(await running).toBe(0);
    expect(io.stdoutText().split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('says when the sidecar cannot be reached, and refuses bad flags', async () => {
    expect((await cli(['logs', 'gone'])).stderr).toBe(
      'error: cannot reach the sidecar of gone at 127.0.0.1:1: is it still running?\n',
    );
    expect((await cli(['logs', 'sleep', '--tail', 'x'])).stderr).toMatch(
      /^error: --tail must be a whole number/,
    );
    expect((await cli(['logs', 'sleep', '-o', 'yaml'])).stderr).toBe(
      'error: -o must be text or json, got "yaml"\n',
    );
  });
});
