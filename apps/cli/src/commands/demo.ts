// `shadowmesh demo [SCENARIO]`: the control plane with the dashboard, a scenario's workloads with their
// sidecars, an ingress gateway and a load generator, all on this machine, until Ctrl-C.
import { mkdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { DEMO_SCENARIO_NAMES, DEMO_SCENARIOS, type DemoScenarioName } from '@shadowmesh/demo';
import { Argument, type Command, Option } from 'commander';
import { CliError } from '../client/cli-error.js';
import { type CommandIO, processIO } from '../client/command-io.js';
import { ControlPlaneApi } from '../client/control-plane-api.js';
import { clientCommand, println, runFromCommander } from '../client/run-command.js';
import { freePort } from '../mesh/free-port.js';
import { INGRESS_GATEWAY } from '../mesh/gateway-launcher.js';
import { startLocalControlPlane } from '../mesh/local-control-plane.js';
import { workloadsFromManifests } from '../mesh/manifest-workloads.js';
import { type RunningMesh, startMesh } from '../mesh/mesh-runner.js';
import { Supervisor } from '../mesh/supervisor.js';
import { untilStopSignal } from '../stop-signal.js';

export interface DemoArgs {
  scenario?: string;
  listen?: string;
  data?: string;
  auth?: 'token' | 'none';
  logLevel?: string;
  rate?: string;
  gateway?: string;
  manifests?: boolean;
  /** Stops the demo when it resolves (default: SIGINT/SIGTERM). */
  until?: Promise<unknown>;
}

export const demoCommand = clientCommand<DemoArgs>(async (args, io) => {
  const name = (args.scenario ?? 'music') as DemoScenarioName;
  const scenario = DEMO_SCENARIOS[name];
  if (!DEMO_SCENARIO_NAMES.includes(name) || scenario === undefined) {
    throw new CliError(`unknown scenario "${name}": choose one of ${DEMO_SCENARIO_NAMES.join(', ')}`);
  }
  if (args.manifests) {
    io.stdout.write(scenario.manifests);
    return 0;
  }
  const rate = args.rate === undefined ? scenario.load.rate : Number(args.rate);
  if (!Number.isFinite(rate) || rate < 0 || rate > 10_000) {
    throw new CliError(`--rate must be requests per second from 0 to 10000, got "${args.rate}"`);
  }
  const stopSignal = args.until ?? untilStopSignal();
  let stopRequested = false;
  void stopSignal.then(() => {
    stopRequested = true;
  });
  const dataDir = isAbsolute(args.data ?? '.shadowmesh')
    ? (args.data as string)
    : resolve(io.cwd, args.data ?? '.shadowmesh');
  const logDir = join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const { workloads } = workloadsFromManifests([{ name: `scenario ${name}`, text: scenario.manifests }], {
    namespace: 'default',
    imageMap: [],
  });

  println(io.stdout, `Shadowmesh demo "${name}": ${scenario.title}`);
  // The load generator starts last, but the control plane is told its control address now (the dashboard
  // changes the rate through it): a port free a moment ago, as for the workloads' applications.
  const loadAdmin = `127.0.0.1:${await freePort()}`;
  const controlPlane = await startLocalControlPlane({
    listen: args.listen ?? '127.0.0.1:20001',
    data: dataDir,
    auth: args.auth ?? 'token',
    logLevel: args.logLevel ?? 'warn',
    demoLoadUrl: `http://${loadAdmin}`,
  });
  println(io.stdout, `✓ control plane and dashboard on ${controlPlane.url}`);
  let mesh: RunningMesh | null = null;
  // Ctrl-C while starting: stop the children at once, so the start ends (and fails) without waiting.
  const supervisor = new Supervisor();
  void stopSignal.then(() => (mesh === null ? supervisor.stopAll() : undefined));
  try {
    mesh = await startMesh(
      {
        manifests: scenario.manifests,
        namespace: 'default',
        workloads,
        gateway: scenario.gateway ? { ...INGRESS_GATEWAY, listen: args.gateway ?? '127.0.0.1:0' } : null,
        load: { ...scenario.load, rate },
        loadAdmin,
      },
      {
        api: new ControlPlaneApi({ server: controlPlane.url, token: controlPlane.token }),
        mesh: {
          controlPlane: controlPlane.url,
          token: controlPlane.token,
          logDir,
          env: io.env,
          readyTimeoutMs: 30_000,
        },
        dataDir,
        supervisor,
        progress: (line) => println(io.stdout, line),
        applied: (result) => {
          const changed = result.results.filter((r) => r.action !== 'skipped').length;
          const skipped = result.results.length - changed;
          println(
            io.stdout,
            `✓ applied ${changed} objects (Services and Istio config; ${skipped} Deployments run locally)`,
          );
        },
      },
    );
    for (const line of scenario.highlights) println(io.stdout, `  ${line}`);
    if (mesh.gateway)
      println(
        io.stdout,
        `  try: curl -H 'Host: ${hostOf(scenario.load)}' http://${mesh.gateway.listen}${firstPath(scenario.load.paths)}`,
      );
    println(io.stdout, `  logs of every process: ${logDir}`);
    println(io.stdout, `Open the dashboard: ${controlPlane.loginUrl ?? `${controlPlane.url}/`}`);
    println(io.stdout, 'Press Ctrl-C to stop everything.');
    watchCrashes(mesh, io, () => stopRequested);
    await stopSignal;
    println(io.stdout, 'stopping…');
  } catch (err) {
    // A start cut short by Ctrl-C is not an error.
    if (!stopRequested) throw err;
  } finally {
    await mesh?.stop();
    await controlPlane.close();
  }
  println(io.stdout, 'stopped');
  return 0;
});

/** Says so when a child dies on its own (its log file has the reason); the rest keeps running. */
function watchCrashes(mesh: RunningMesh, io: CommandIO, stopping: () => boolean): void {
  // Only the children still running: a start attempt retried on another port left stopped ones behind.
  for (const child of mesh.supervisor.alive()) {
    void child.exited.then((exit) => {
      if (!stopping()) {
        println(
          io.stderr,
          `! ${child.name} exited (${exit.signal ?? `code ${exit.code}`}):\n${child.tail().trimEnd()}`,
        );
      }
    });
  }
}

function hostOf(load: (typeof DEMO_SCENARIOS)[DemoScenarioName]['load']): string {
  return load.via === 'gateway' ? load.host : 'example.com';
}

function firstPath(paths: string): string {
  const first = paths.split(',')[0] ?? '/';
  return first.replace(/=[\d.]+$/, '');
}

export function register(program: Command, io?: CommandIO): void {
  program
    .command('demo')
    .description('run the control plane, the dashboard and a demo mesh with live traffic, until Ctrl-C')
    .addArgument(new Argument('[scenario]', 'which demo').choices(DEMO_SCENARIO_NAMES).default('music'))
    .option('--listen <host:port>', 'control plane and dashboard address', '127.0.0.1:20001')
    .option('--data <dir>', 'data directory (store, token, workloads.json, logs/)', '.shadowmesh')
    .addOption(
      new Option('--auth <mode>', 'require a token for writes and proxies')
        .choices(['token', 'none'])
        .default('token'),
    )
    .option('--log-level <level>', 'control plane log level', 'warn')
    .option('--rate <n>', "load generator's requests per second (default: the scenario's)")
    .option('--gateway <host:port>', 'ingress gateway address (port 0 picks one)', '127.0.0.1:0')
    .option('--manifests', "print the scenario's YAML (for shadowmesh run -f) and exit")
    .action((scenario: string, options: Omit<DemoArgs, 'scenario'>) =>
      runFromCommander(demoCommand, { scenario, ...options }, io ?? processIO()),
    );
}
