// Brings up a local mesh from a plan, in order, each step waiting on a condition: start every workload with
// its sidecar (ready), the ingress gateway (ready), apply the config, wait until every proxy is SYNCED on
// it, record the workloads for `exec`/`logs`, then start the load. Any failure stops what was started.
import type { ApplyResult } from '@shadowmesh/api';
import type { ScenarioLoad } from '@shadowmesh/demo';
import type { ControlPlaneApi } from '../client/control-plane-api.js';
import { type GatewaySpec, launchGateway, type RunningGateway } from './gateway-launcher.js';
import { launchLoadgen, type RunningLoadgen } from './loadgen-launcher.js';
import { newestSentVersion, waitForSync } from './mesh-sync.js';
import { Supervisor } from './supervisor.js';
import {
  launchWorkload,
  type MeshTarget,
  type RunningWorkload,
  type WorkloadSpec,
} from './workload-launcher.js';
import { forgetWorkloads, recordWorkloads, type WorkloadRecord } from './workloads-file.js';

export interface MeshPlan {
  /** Applied once the workloads run (Services, Istio config; the server skips Deployments). May be empty. */
  manifests: string;
  /** Namespace of objects that name none. */
  namespace: string;
  workloads: readonly WorkloadSpec[];
  gateway: GatewaySpec | null;
  /** The gateway deployments of Gateway API Gateways (istiod's automated deployment), besides the ingress. */
  gatewayDeployments?: readonly GatewaySpec[];
  load: ScenarioLoad | null;
  /** `HOST:PORT` of the load generator's control endpoint (default `127.0.0.1:0`: any free port). */
  loadAdmin?: string;
}

export interface MeshRunnerOptions {
  api: ControlPlaneApi;
  mesh: MeshTarget;
  /** Where `workloads.json` is kept. */
  dataDir: string;
  /** One line per step. */
  progress: (line: string) => void;
  /** Called with the apply result (to print it as `apply` would, or summed up). */
  applied?: (result: ApplyResult) => void;
  /** Workloads started at once (each is two Node processes). Default 3. */
  parallel?: number;
  /** Owns the children (default: a new one). Stopping it while the mesh starts makes the start fail fast. */
  supervisor?: Supervisor;
}

export interface RunningMesh {
  workloads: readonly RunningWorkload[];
  gateway: RunningGateway | null;
  gatewayDeployments: readonly RunningGateway[];
  loadgen: RunningLoadgen | null;
  supervisor: Supervisor;
  /** Stops every child and forgets the workloads; resolves when all have exited. */
  stop(): Promise<void>;
}

export async function startMesh(plan: MeshPlan, options: MeshRunnerOptions): Promise<RunningMesh> {
  const { api, mesh, progress } = options;
  const supervisor = options.supervisor ?? new Supervisor();
  const workloads: RunningWorkload[] = [];
  let gateway: RunningGateway | null = null;
  const deployments: RunningGateway[] = [];
  let loadgen: RunningLoadgen | null = null;
  const stop = async () => {
    forgetWorkloads(options.dataDir, process.pid);
    await supervisor.stopAll();
  };
  try {
    const queue = [...plan.workloads];
    const worker = async () => {
      // A failure empties the queue, so the other workers finish what they started and take nothing new.
      for (let spec = queue.shift(); spec; spec = queue.shift()) {
        try {
          const running = await launchWorkload(supervisor, spec, mesh);
          workloads.push(running);
          progress(describeWorkload(running));
        } catch (err) {
          queue.length = 0;
          throw err;
        }
      }
    };
    const started = await Promise.allSettled(
      Array.from({ length: Math.min(options.parallel ?? 3, queue.length) }, worker),
    );
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    if (plan.gateway) {
      gateway = await launchGateway(supervisor, plan.gateway, mesh);
      progress(
        `✓ ingress gateway ${gateway.spec.name}.${gateway.spec.namespace} on http://${gateway.listen}`,
      );
    }
    for (const spec of plan.gatewayDeployments ?? []) {
      const running = await launchGateway(supervisor, spec, mesh);
      deployments.push(running);
      progress(`✓ gateway ${running.spec.name}.${running.spec.namespace} on http://${running.listen}`);
    }
    const gateways = [...(gateway ? [gateway] : []), ...deployments];
    // Applied once the workloads run, as `kubectl apply` of Deployments and config together would be: the
    // analysis then sees the workloads its subsets select, and one push carries the config to every proxy.
    let before: bigint | null = null;
    if (plan.manifests.trim() !== '') {
      before = await newestSentVersion(api);
      const result = await api.apply(plan.manifests, { dryRun: false, namespace: plan.namespace });
      options.applied?.(result);
      if (!result.results.some((r) => r.action === 'created' || r.action === 'configured')) before = null;
    }
    const ids = [...workloads.map((w) => w.proxyId), ...gateways.map((g) => g.proxyId)];
    if (ids.length > 0) {
      const version = await waitForSync(api, ids, { after: before, timeoutMs: mesh.readyTimeoutMs });
      progress(`✓ ${ids.length} proxies SYNCED on config version ${version}`);
    }
    recordWorkloads(options.dataDir, records(workloads, gateways, mesh.controlPlane));
    if (plan.load) {
      const spec = {
        ...loadSpec(plan.load, workloads, gateway),
        listen: plan.loadAdmin ?? '127.0.0.1:0',
      };
      loadgen = await launchLoadgen(supervisor, spec, mesh);
      progress(
        `✓ load ${loadgen.spec.rate} req/s → ${loadgen.spec.host ?? loadgen.spec.target} ${loadgen.spec.paths}` +
          ` (rate: GET/PUT http://${loadgen.admin}/rate)`,
      );
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { workloads, gateway, gatewayDeployments: deployments, loadgen, supervisor, stop };
}

function describeWorkload(w: RunningWorkload): string {
  const app =
    w.spec.app.kind === 'demo'
      ? `${w.spec.app.app} ${w.spec.labels.version ?? 'v1'} on ${w.app}`
      : w.spec.app.kind === 'command'
        ? `\`${w.spec.app.command}\` on ${w.app}`
        : 'client (sidecar only)';
  return `✓ ${w.spec.name}.${w.spec.namespace}: ${app}; sidecar inbound ${w.inbound}, outbound ${w.outbound}`;
}

function loadSpec(load: ScenarioLoad, workloads: readonly RunningWorkload[], gateway: RunningGateway | null) {
  // The dashboard changes the rate through the control plane (`/api/v1/demo/load`, with auth): no browser
  // origin may call the generator itself.
  const corsOrigin = null;
  if (load.via === 'gateway') {
    if (!gateway) throw new Error('the load goes through the ingress gateway, but none was started');
    const target = `http://${gateway.listen}`;
    return { target, proxy: null, host: load.host, rate: load.rate, paths: load.paths, corsOrigin };
  }
  const client = workloads.find((w) => w.spec.name === load.workload && w.spec.namespace === load.namespace);
  if (!client)
    throw new Error(`the load goes through ${load.workload}.${load.namespace}, which is not running`);
  return {
    target: load.target,
    proxy: client.outbound,
    host: null,
    rate: load.rate,
    paths: load.paths,
    corsOrigin,
  };
}

function records(
  workloads: readonly RunningWorkload[],
  gateways: readonly RunningGateway[],
  controlPlane: string,
): WorkloadRecord[] {
  const startedAt = new Date().toISOString();
  const out: WorkloadRecord[] = workloads.map((w) => ({
    name: w.spec.name,
    namespace: w.spec.namespace,
    kind: 'sidecar',
    labels: w.spec.labels,
    proxyId: w.proxyId,
    admin: w.admin,
    inbound: w.inbound,
    outbound: w.outbound,
    app: w.app,
    controlPlane,
    pids: { runner: process.pid, proxy: w.sidecar.pid, app: w.appChild?.pid ?? null },
    startedAt,
  }));
  for (const gateway of gateways) {
    out.push({
      name: gateway.spec.name,
      namespace: gateway.spec.namespace,
      kind: 'gateway',
      labels: gateway.spec.labels,
      proxyId: gateway.proxyId,
      admin: gateway.admin,
      inbound: gateway.listen,
      outbound: null,
      app: null,
      controlPlane,
      pids: { runner: process.pid, proxy: gateway.child.pid, app: null },
      startedAt,
    });
  }
  return out;
}
