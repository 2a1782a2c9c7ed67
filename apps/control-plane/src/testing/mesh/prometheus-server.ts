// A real Prometheus (the Debian package's /usr/bin/prometheus) scraping its targets every second, with
// its own config file and storage in a temporary directory, on a free loopback port.
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { tempDir } from '../test-app.js';
import { type RunningChild, startChild } from './child-process.js';
import { waitUntil } from './wait-until.js';

export const PROMETHEUS_BIN = '/usr/bin/prometheus';

export interface PrometheusSample {
  metric: Record<string, string>;
  value: number;
}

export class PrometheusServer {
  private constructor(
    readonly url: string,
    private readonly child: RunningChild,
    private readonly removeDir: () => void,
  ) {}

  static available(): boolean {
    return existsSync(PROMETHEUS_BIN);
  }

  /**
   * Starts Prometheus scraping `targets` (`127.0.0.1:PORT`) every second at `metricsPath` (default
   * `/metrics`; the proxies' admin listeners serve `/stats/prometheus`).
   */
  static async start(
    targets: string | readonly string[],
    options: { metricsPath?: string } = {},
  ): Promise<PrometheusServer> {
    const list = typeof targets === 'string' ? [targets] : targets;
    const dir = tempDir('shadowmesh-prometheus-');
    const config = join(dir.path, 'prometheus.yml');
    writeFileSync(
      config,
      [
        'global:',
        '  scrape_interval: 1s',
        '  evaluation_interval: 1s',
        'scrape_configs:',
        '  - job_name: shadowmesh',
        '    scrape_interval: 1s',
        '    scrape_timeout: 900ms',
        `    metrics_path: ${options.metricsPath ?? '/metrics'}`,
        '    static_configs:',
        `      - targets: [${list.map((t) => `'${t}'`).join(', ')}]`,
        '',
      ].join('\n'),
    );
    const port = await freePort();
    const listen = `127.0.0.1:${port}`;
    let child: RunningChild;
    try {
      child = await startChild({
        command: PROMETHEUS_BIN,
        args: [
          `--config.file=${config}`,
          `--storage.tsdb.path=${join(dir.path, 'data')}`,
          `--web.listen-address=${listen}`,
          '--log.level=info',
        ],
        ready: /Server is ready to receive web requests/,
        timeoutMs: 20_000,
      });
    } catch (error) {
      dir.remove();
      throw error;
    }
    return new PrometheusServer(`http://${listen}`, child, dir.remove);
  }

  /** An instant query at `timeSeconds` (default now); throws on a Prometheus error. */
  async query(promql: string, timeSeconds?: number): Promise<PrometheusSample[]> {
    const params = new URLSearchParams({ query: promql });
    if (timeSeconds !== undefined) params.set('time', String(timeSeconds));
    const res = await fetch(`${this.url}/api/v1/query?${params}`);
    const body = (await res.json()) as {
      status: string;
      error?: string;
      data?: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
    };
    if (body.status !== 'success' || !body.data) throw new Error(`prometheus: ${body.error ?? res.status}`);
    return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
  }

  /** Resolves once `count` targets (default 1) have been scraped successfully (`up == 1`). */
  async waitForTarget(timeoutMs = 10_000, count = 1): Promise<void> {
    await waitUntil(
      async () => (await this.query('up')).filter((s) => s.value === 1).length >= count,
      'the first scrape',
      timeoutMs,
      200,
    );
  }

  async stop(): Promise<void> {
    await this.child.stop();
    this.removeDir();
  }
}

/** A port free right now on 127.0.0.1 (bound then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
