import { type Command, Option } from 'commander';
import { dashboardDir } from '../dashboard-dir.js';
import { untilStopSignal } from '../stop-signal.js';

interface UpOptions {
  listen: string;
  data: string;
  auth: 'token' | 'none';
  logLevel: string;
  historyRevisions: string;
  demoLoadUrl?: string;
  prometheus?: string;
}

export function register(program: Command): void {
  program
    .command('up')
    .description('run the control plane with the dashboard')
    .option('--listen <host:port>', 'address to listen on', '127.0.0.1:20001')
    .option('--data <dir>', 'data directory (store, token)', '.shadowmesh')
    .addOption(
      new Option('--auth <mode>', 'require a token for writes and proxies')
        .choices(['token', 'none'])
        .default('token'),
    )
    .option('--log-level <level>', 'pino log level', 'warn')
    .option('--history-revisions <n>', 'revisions the history keeps (older ones are pruned)', '10000')
    .option(
      '--prometheus <url>',
      "build the graph from this Prometheus's istio_requests_total, as Kiali does (e.g. http://127.0.0.1:9090)",
    )
    // Internal: where a demo load generator's control endpoint is (`shadowmesh demo` sets it in-process;
    // a control plane started on its own, as docker-compose does, gets it here or SHADOWMESH_DEMO_LOAD_URL).
    .addOption(new Option('--demo-load-url <url>', 'demo load generator control URL').hideHelp())
    .action(async (options: UpOptions) => {
      // Loaded on use: a sidecar started through the same CLI never loads Fastify or SQLite.
      const { controlPlaneConfig, startControlPlane } = await import('@shadowmesh/control-plane');
      const config = controlPlaneConfig({
        listen: options.listen,
        data: options.data,
        auth: options.auth,
        dashboardDir: dashboardDir(),
        logLevel: options.logLevel,
        historyRevisions: options.historyRevisions,
        ...(options.demoLoadUrl ? { demoLoadUrl: options.demoLoadUrl } : {}),
        ...(options.prometheus !== undefined ? { prometheusUrl: options.prometheus } : {}),
      });
      const server = await startControlPlane(config);
      process.stdout.write(`Shadowmesh control plane on ${server.url}\n`);
      if (server.loginUrl) process.stdout.write(`Open the dashboard: ${server.loginUrl}\n`);
      else process.stdout.write(`Open the dashboard: ${server.url}/\n`);
      await untilStopSignal();
      await server.close();
    });
}
