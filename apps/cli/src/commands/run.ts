// `shadowmesh run -f FILE`: a tutorial's manifests without Kubernetes. Deployments of known demo images
// (or images mapped with --image-map) run as local workloads with sidecars; the rest is applied.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { KubernetesGateway } from '@shadowmesh/api';
import type { Command } from 'commander';
import { CliError } from '../client/cli-error.js';
import { addClientOptions, type ClientOptions, resolveClientSettings } from '../client/client-options.js';
import { type CommandIO, processIO } from '../client/command-io.js';
import { ControlPlaneApi } from '../client/control-plane-api.js';
import { formatLocatedError, parseLocalManifests } from '../client/local-manifests.js';
import { collectFiles, joinSources, readManifests } from '../client/manifest-input.js';
import { clientCommand, println, runFromCommander } from '../client/run-command.js';
import { locateRefusal } from '../client/server-refusal.js';
import { dataDirOf } from '../mesh/find-workload.js';
import { gatewayDeploymentFor, INGRESS_GATEWAY } from '../mesh/gateway-launcher.js';
import { startLocalControlPlane } from '../mesh/local-control-plane.js';
import { parseImageMap, unknownImageMessage, workloadsFromManifests } from '../mesh/manifest-workloads.js';
import { type RunningMesh, startMesh } from '../mesh/mesh-runner.js';
import { Supervisor } from '../mesh/supervisor.js';
import { untilStopSignal } from '../stop-signal.js';
import { printApplyResults } from './apply.js';

export interface RunArgs extends ClientOptions {
  filename: string[];
  imageMap?: string[];
  namespace?: string;
  gateway?: string | boolean;
  up?: boolean;
  listen?: string;
  /** Stops when it resolves (default: SIGINT/SIGTERM). */
  until?: Promise<unknown>;
}

export const runCommand = clientCommand<RunArgs>(async (args, io) => {
  const namespace = args.namespace ?? 'default';
  const sources = await readManifests(args.filename, io);
  const local = parseLocalManifests(sources, namespace);
  const errors = [...local.syntaxErrors, ...local.errors];
  if (errors.length > 0) {
    for (const e of errors) println(io.stderr, `error: ${formatLocatedError(e)}`);
    println(io.stderr, 'error: nothing was started');
    return 1;
  }
  const found = workloadsFromManifests(sources, { namespace, imageMap: parseImageMap(args.imageMap ?? []) });
  if (found.unknownImages.length > 0) {
    for (const line of unknownImageMessage(found.unknownImages)) println(io.stderr, line);
    return 1;
  }
  for (const note of found.notes) println(io.stderr, `note: ${note}`);
  // An ingress gateway runs when asked (--gateway) or when a Gateway in the files selects one.
  const selectsIngress = local.resources.some(
    (r) =>
      r.kind === 'Gateway' &&
      (r.spec as { selector?: Record<string, string> }).selector?.istio === 'ingressgateway',
  );
  const gatewayListen =
    typeof args.gateway === 'string'
      ? args.gateway
      : args.gateway === false || !selectsIngress
        ? null
        : '127.0.0.1:0';
  // A Gateway API Gateway gets its own gateway process, as istiod deploys one for each.
  const gatewayDeployments = local.resources
    .filter((r): r is KubernetesGateway => r.kind === 'KubernetesGateway')
    .map((g) => gatewayDeploymentFor(g, '127.0.0.1:0'));
  if (found.workloads.length === 0 && gatewayListen === null && gatewayDeployments.length === 0) {
    throw new CliError(
      'nothing to run: the files have no Deployments (use shadowmesh apply for config only)',
    );
  }

  const dataDir = dataDirOf(args.data, io.cwd);
  const logDir = join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const stopSignal = args.until ?? untilStopSignal();
  let stopRequested = false;
  void stopSignal.then(() => {
    stopRequested = true;
  });
  const owned = args.up
    ? await startLocalControlPlane({
        listen: args.listen ?? '127.0.0.1:20001',
        data: dataDir,
        auth: 'token',
        logLevel: 'warn',
      })
    : null;
  let mesh: RunningMesh | null = null;
  // Ctrl-C while starting: stop the children at once, so the start ends (and fails) without waiting.
  const supervisor = new Supervisor();
  void stopSignal.then(() => (mesh === null ? supervisor.stopAll() : undefined));
  try {
    const settings = owned
      ? { server: owned.url, token: owned.token, tokenSource: 'flag' as const }
      : resolveClientSettings(args, io);
    const api = new ControlPlaneApi(settings);
    if (owned) println(io.stdout, `✓ control plane and dashboard on ${owned.url}`);
    else await checkToken(api, settings.token);
    mesh = await startMesh(
      {
        manifests: joinSources(sources),
        namespace,
        workloads: found.workloads,
        gateway: gatewayListen === null ? null : { ...INGRESS_GATEWAY, listen: gatewayListen },
        gatewayDeployments,
        load: null,
      },
      {
        api,
        mesh: {
          controlPlane: settings.server,
          token: settings.token,
          logDir,
          env: io.env,
          readyTimeoutMs: 30_000,
        },
        dataDir,
        supervisor,
        progress: (line) => println(io.stdout, line),
        applied: (result) => printApplyResults(result, io),
      },
    );
    println(io.stdout, `Running ${mesh.workloads.length} workloads (Ctrl-C stops them). Try:`);
    const client = mesh.workloads.find((w) => w.spec.app.kind === 'idle') ?? mesh.workloads[0];
    const ns = (w: { spec: { namespace: string } }) =>
      w.spec.namespace === 'default' ? '' : ` -n ${w.spec.namespace}`;
    if (client)
      println(
        io.stdout,
        `  shadowmesh exec ${client.spec.name}${ns(client)} -- curl -sS http://SERVICE:PORT/`,
      );
    const server = mesh.workloads.find((w) => w.spec.app.kind !== 'idle');
    if (server) println(io.stdout, `  shadowmesh logs ${server.spec.name}${ns(server)} -f`);
    if (owned?.loginUrl) println(io.stdout, `Open the dashboard: ${owned.loginUrl}`);
    await stopSignal;
    println(io.stdout, 'stopping…');
  } catch (err) {
    // A start cut short by Ctrl-C is not an error. A refused apply names the file, line and column.
    if (!stopRequested) throw locateRefusal(err, sources);
  } finally {
    await mesh?.stop();
    await owned?.close();
  }
  println(io.stdout, 'stopped');
  return 0;
});

/** Sidecars need the token when the control plane asks for one: say so before starting anything. */
async function checkToken(api: ControlPlaneApi, token: string | null): Promise<void> {
  const session = await api.http.request<{ auth?: string }>('GET', '/api/v1/session');
  if (session.auth === 'token' && token === null) {
    throw new CliError(
      `the control plane at ${api.server} needs a token for sidecars: pass --token, set SHADOWMESH_TOKEN, or point --data at its data directory`,
    );
  }
}

export function register(program: Command, io?: CommandIO): void {
  const command = program
    .command('run')
    .description(
      "run a tutorial's Deployments as local workloads with sidecars (no Kubernetes); apply the rest",
    )
    .requiredOption(
      '-f, --filename <file>',
      'YAML file, directory, or - for stdin (repeatable)',
      collectFiles,
    )
    .option(
      '--image-map <image=command>',
      'run COMMAND (with $PORT) for containers of IMAGE (repeatable)',
      collectFiles,
    )
    .option('-n, --namespace <ns>', 'namespace for objects that name none', 'default')
    .option(
      '--gateway [host:port]',
      'start an ingress gateway (default: when a Gateway selects istio=ingressgateway)',
    )
    .option('--no-gateway', 'never start an ingress gateway')
    .option('--up', 'start the control plane and dashboard in this process instead of using --server')
    .option('--listen <host:port>', 'with --up: control plane address', '127.0.0.1:20001');
  addClientOptions(command).action((options: RunArgs) =>
    runFromCommander(runCommand, options, io ?? processIO()),
  );
}
