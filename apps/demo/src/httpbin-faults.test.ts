import { describe, expect, it, vi } from 'vitest';
import type { RunningDemoServer } from './demo-server.js';
import { DemoError } from './errors.js';
import { type HttpbinOptions, startHttpbin } from './httpbin.js';
import { jsonOf, send } from './testing/send.js';

async function withHttpbin(
  options: Omit<HttpbinOptions, 'listen'>,
  test: (bin: RunningDemoServer) => Promise<void>,
) {
  const bin = await startHttpbin({ listen: '127.0.0.1:0', ...options });
  try {
    await test(bin);
  } finally {
    await bin.close();
  }
}

describe('httpbin answers differently on purpose', () => {
  it('reports its version in a header and in every JSON body', async () => {
    await withHttpbin({ version: 'v2' }, async (bin) => {
      const res = await send(`${bin.url}/uuid`);
      expect(res.headers['x-demo-version']).toBe('v2');
      expect(jsonOf(res).version).toBe('v2');
      expect((await send(`${bin.url}/status/200`)).headers['x-demo-version']).toBe('v2');
    });
  });

  it('divergeField overrides a field of every JSON answer, the version header unchanged', async () => {
    await withHttpbin({ version: 'v3', divergeField: 'version=v3-beta' }, async (bin) => {
      const res = await send(`${bin.url}/get`);
      expect(res.headers['x-demo-version']).toBe('v3');
      expect(jsonOf(res).version).toBe('v3-beta');
      expect(jsonOf(await send(`${bin.url}/missing`)).version).toBe('v3-beta');
    });
  });

  it('divergeField adds a field, reads JSON values, and reaches into nested objects', async () => {
    await withHttpbin({ divergeField: 'count=3' }, async (bin) => {
      expect(jsonOf(await send(`${bin.url}/ip`)).count).toBe(3);
    });
    await withHttpbin({ divergeField: 'slideshow.title=Other Show' }, async (bin) => {
      const show = jsonOf(await send(`${bin.url}/json`)).slideshow as Record<string, unknown>;
      expect(show.title).toBe('Other Show');
      expect(show.author).toBe('Yours Truly');
    });
  });

  it('echoHostHeader false leaves Host out of headers and url', async () => {
    await withHttpbin({ echoHostHeader: false }, async (bin) => {
      const json = jsonOf(await send(`${bin.url}/get?a=1`, { headers: [['Host', 'httpbin-shadow:8000']] }));
      expect(json.headers).not.toHaveProperty('Host');
      expect(json.url).toBe('http://localhost/get?a=1');
    });
  });

  it('errorRate answers 500 at that rate (seeded, within 4σ)', async () => {
    const n = 2000;
    const p = 0.25;
    const statuses: number[] = [];
    await withHttpbin({ errorRate: p, seed: 42 }, async (bin) => {
      for (let i = 0; i < n; i++) statuses.push((await send(`${bin.url}/get`)).status);
      const failure = await send(`${bin.url}/get`);
      // One more request shows the shape of an injected failure (whichever status it drew).
      if (failure.status === 500) expect(failure.headers['x-demo-fault']).toBe('error');
    });
    const failures = statuses.filter((s) => s === 500).length;
    expect(statuses.every((s) => s === 200 || s === 500)).toBe(true);
    const sigma = Math.sqrt(n * p * (1 - p));
    expect(Math.abs(failures - n * p)).toBeLessThanOrEqual(4 * sigma);

    // The same seed gives the same sequence.
    const again: number[] = [];
    await withHttpbin({ errorRate: p, seed: 42 }, async (bin) => {
      for (let i = 0; i < 50; i++) again.push((await send(`${bin.url}/get`)).status);
    });
    expect(again).toEqual(statuses.slice(0, 50));
  });

  it('an injected random source decides the failures', async () => {
    await withHttpbin({ errorRate: 0.5, random: () => 0.4 }, async (bin) => {
      const res = await send(`${bin.url}/get`);
      expect(res.status).toBe(500);
      expect(res.headers['x-demo-fault']).toBe('error');
      expect(jsonOf(res)).toEqual({ error: 'injected failure', errorRate: 0.5, version: 'v1' });
    });
    await withHttpbin({ errorRate: 0.5, random: () => 0.6 }, async (bin) => {
      expect((await send(`${bin.url}/get`)).status).toBe(200);
    });
  });

  it('extraLatencyMs holds every answer at least that long', async () => {
    await withHttpbin({ extraLatencyMs: 40 }, async (bin) => {
      expect((await send(`${bin.url}/headers`)).status).toBe(200);
      // A lower bound only (timers never fire early by more than the clock's 1 ms rounding).
      await vi.waitFor(() => expect(bin.accessLog.entries()[0]?.durationMs).toBeGreaterThanOrEqual(39));
    });
  });
});

describe('httpbin options are checked', () => {
  const cases: Array<[Partial<HttpbinOptions>, string]> = [
    [{ listen: 'nope' }, 'listen'],
    [{ listen: '127.0.0.1:70000' }, 'listen'],
    [{ version: '' }, 'version'],
    [{ version: 'v 1' }, 'version'],
    [{ errorRate: 1.5 }, 'errorRate'],
    [{ errorRate: Number.NaN }, 'errorRate'],
    [{ extraLatencyMs: -1 }, 'extraLatencyMs'],
    [{ seed: 1.5 }, 'seed'],
    [{ accessLogSize: 0 }, 'accessLogSize'],
    [{ divergeField: 'novalue' }, 'divergeField'],
    [{ divergeField: '=x' }, 'divergeField'],
    [{ echoHostHeader: 'yes' as unknown as boolean }, 'echoHostHeader'],
  ];
  it.each(cases)('%j is refused naming %s', async (bad, field) => {
    const error = await startHttpbin({ listen: '127.0.0.1:0', ...bad }).then(
      (bin) => bin.close().then(() => null),
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(DemoError);
    expect(error).toMatchObject({ code: 'DEMO_ERR_INVALID_OPTION', field });
    expect((error as Error).message.startsWith(`${field}: `)).toBe(true);
  });

  it('an address in use is refused with DEMO_ERR_LISTEN_FAILED', async () => {
    await withHttpbin({}, async (bin) => {
      await expect(startHttpbin({ listen: bin.address })).rejects.toMatchObject({
        code: 'DEMO_ERR_LISTEN_FAILED',
        field: 'listen',
        message: `listen: ${bin.address} is already in use`,
      });
    });
  });
});
