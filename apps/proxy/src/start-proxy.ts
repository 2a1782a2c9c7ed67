// Assembles one proxy (shared by sidecar and gateway): runtime, config source (control plane or file),
// admin listener, and the ProxyHandle.
import { randomBytes } from 'node:crypto';
import { unwatchFile, watchFile } from 'node:fs';
import type { ProxyIdentity } from '@shadowmesh/api';
import type { RouteTableInput } from '@shadowmesh/routing';
import { compileRouteTable } from '@shadowmesh/routing';
import { MirrorCounters, TelemetryRecorder } from '@shadowmesh/telemetry';
import pino from 'pino';
import type { AccessLog } from './access-log.js';
import type { ControlPlaneStatus } from './admin-handler.js';
import { createAdminHandler } from './admin-handler.js';
import { ClusterAdmission } from './cluster-admission.js';
import type { GatewayConfig, SidecarConfig } from './config.js';
import { ConfigState } from './config-state.js';
import { ConnectionPool } from './connection-pool.js';
import { ControlPlaneClient } from './control-plane-client.js';
import { DeadlineWheel } from './deadline-wheel.js';
import { EdgeCache } from './edge-cache.js';
import { FlowBuffer } from './flow-buffer.js';
import { FlowCapture } from './flow-capture.js';
import { flowPeer } from './flow-record.js';
import { Listeners } from './listeners.js';
import { LoopGuard } from './loop-guard.js';
import { DEFAULT_MIRROR_OPTIONS, MirrorSender } from './mirror-sender.js';
import type { ProxyAddresses, ProxyHandle, StartOptions } from './proxy-handle.js';
import type { ProxyRuntime } from './proxy-runtime.js';
import { sourceLabels } from './source-labels.js';
import { readStandaloneConfig } from './standalone-config.js';
import { TapSessions } from './tap-sessions.js';

/** Objects without `metadata.namespace` in a --config file belong here, as with `kubectl apply`. */
const STANDALONE_NAMESPACE = 'default';

export interface ProxyParts {
  rt: ProxyRuntime;
  listeners: Listeners;
  accessLog: AccessLog | null;
}

/** Builds the runtime, lets `bind` open the data-plane listeners, then connects the config source. */
export async function startProxy(
  config: SidecarConfig | GatewayConfig,
  options: StartOptions,
  identityOf: (addresses: ProxyAddresses) => ProxyIdentity,
  bind: (
    parts: Omit<ProxyParts, 'accessLog'>,
  ) => Promise<{ addresses: ProxyAddresses; accessLog: AccessLog | null }>,
): Promise<ProxyHandle> {
  const workload = config.kind === 'sidecar' ? config.workload : config.name;
  // Buffered, asynchronous writes: a slow reader of stdout must never stall the proxy's event loop.
  const logger =
    options.logger ??
    pino(
      { level: config.logLevel, base: { workload, namespace: config.namespace } },
      pino.destination({ dest: 1, sync: false, minLength: 4096 }),
    );
  const random = options.random ?? Math.random;
  const proxy: RouteTableInput['proxy'] = {
    kind: config.kind,
    namespace: config.namespace,
    labels: config.labels,
    ...(config.kind === 'gateway' ? { name: config.name } : {}),
  };
  const telemetry = new TelemetryRecorder(Date.now());
  const wheel = new DeadlineWheel(options.tickMs ?? 10, (err) =>
    logger.error({ err }, 'deadline callback failed'),
  );
  const source = sourceLabels('source', workload, config.namespace, config.labels);
  const mirrorPool = new ConnectionPool();
  const admission = new ClusterAdmission();
  const loop = new LoopGuard(randomBytes(8).toString('hex'));
  // Flows are captured only when there is a control plane to send them to.
  const flowBuffer = config.configFile === null ? new FlowBuffer(options.flowBuffer) : null;
  const taps = new TapSessions();
  const flows =
    flowBuffer === null
      ? null
      : new FlowCapture({
          source: flowPeer(workload, config.namespace, source.app, source.version),
          random,
          buffer: flowBuffer,
          taps,
        });
  const rt: ProxyRuntime = {
    config: new ConfigState(proxy, options.compile ?? compileRouteTable),
    wheel,
    primaryPool: new ConnectionPool(),
    admission,
    telemetry,
    random,
    logger,
    source,
    peer: {
      workload,
      namespace: config.namespace,
      app: source.app,
      version: source.version,
      instance: loop.instance,
    },
    flows,
    loop,
    mirrors: new MirrorSender({
      pool: mirrorPool,
      admission,
      wheel,
      telemetry,
      random,
      edges: new EdgeCache(source, 'mirror'),
      options: { ...DEFAULT_MIRROR_OPTIONS, ...options.mirror },
      flows,
    }),
  };
  const listeners = new Listeners(logger);
  let client: ControlPlaneClient | null = null;
  let watched: string | null = null;
  const cleanup = async () => {
    if (watched !== null) unwatchFile(watched);
    await client?.close();
    await listeners.close();
    rt.config.close();
    wheel.close();
    rt.primaryPool.close();
    mirrorPool.close();
    if (options.logger === undefined) logger.flush();
  };
  try {
    const bound = await bind({ rt, listeners });
    const addresses: ProxyAddresses = { ...bound.addresses };
    for (const address of Object.values(addresses)) loop.addListener(address);
    let standaloneStatus: ControlPlaneStatus | null = null;
    const identity = identityOf(addresses);
    if (flows !== null) flows.proxyId = identity.id;
    const controlPlaneStatus = () => client?.status() ?? (standaloneStatus as ControlPlaneStatus);
    const adminHandler = createAdminHandler({
      rt,
      identity,
      accessLog: bound.accessLog,
      flows,
      controlPlane: controlPlaneStatus,
    });
    if (config.admin !== null) {
      addresses.admin = await listeners.listen('--admin', config.admin, { request: adminHandler });
      identity.admin = addresses.admin;
      loop.addListener(addresses.admin);
    }
    if (config.configFile !== null) {
      const file = config.configFile;
      standaloneStatus = {
        mode: 'standalone',
        connected: false,
        url: null,
        lastAckedVersion: null,
        lastNack: null,
      };
      const status = standaloneStatus;
      const load = async () => {
        const result = rt.config.apply(await readStandaloneConfig(file, STANDALONE_NAMESPACE));
        if (!result.ok) throw new Error(`--config: ${file}: ${result.error}`);
        status.lastAckedVersion = rt.config.version;
      };
      await load();
      if (options.watchConfigFile) {
        // Polling (not fs.watch) survives editors that replace the file instead of writing it in place.
        watched = file;
        watchFile(file, { interval: 250, persistent: false }, (now, before) => {
          if (now.mtimeMs === before.mtimeMs && now.size === before.size) return;
          load().catch((err: Error) =>
            logger.warn({ err: err.message }, 'config file not applied; keeping the previous one'),
          );
        });
      }
    } else {
      client = new ControlPlaneClient({
        url: config.controlPlane as string,
        token: config.token,
        identity,
        config: rt.config,
        telemetry,
        flows: flowBuffer,
        taps,
        logger,
        telemetryIntervalMs: options.telemetryIntervalMs ?? 1_000,
        backoff: options.reconnect ?? { baseMs: 200, maxMs: 10_000 },
        random: Math.random,
      });
      client.start();
    }
    logger.info({ id: identity.id, addresses }, `${config.kind} started`);
    return {
      identity,
      addresses: Object.freeze(addresses),
      configVersion: () => rt.config.version,
      waitForConfig: (version, timeoutMs = 10_000) => rt.config.waitFor(version ?? null, timeoutMs),
      mirrorStats: () => {
        const byTarget = telemetry.snapshot().mirror;
        const totals = new MirrorCounters();
        totals.merge(byTarget);
        return { totals: totals.totals(), byTarget, inFlight: rt.mirrors.inFlight() };
      },
      telemetry: () => telemetry.snapshot(),
      flowStats: () => ({
        captured: flowBuffer?.capturedTotal ?? 0,
        dropped: flowBuffer?.droppedTotal ?? 0,
        queued: flowBuffer?.length ?? 0,
      }),
      accessLog: (since = 0) => bound.accessLog?.since(since, Number.MAX_SAFE_INTEGER) ?? [],
      close: async () => {
        logger.info('shutting down');
        await cleanup();
      },
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
