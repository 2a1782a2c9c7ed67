// Creates every long-lived service of one control plane and closes them in order.
import type { ControlPlaneConfig } from '../config.js';
import { AuthService } from './auth/auth-service.js';
import { ConfigContext } from './config/config-context.js';
import { storedEndpointMemory } from './push/endpoint-memory.js';
import { ProxyRegistry } from './push/proxy-registry.js';
import { SnapshotPublisher } from './push/snapshot-publisher.js';
import { CountingTelemetrySink, type TelemetrySink } from './push/telemetry-sink.js';
import type { ServiceLogger } from './service-logger.js';
import { ResourceStore } from './store/resource-store.js';

export interface ServicesOptions {
  config: ControlPlaneConfig;
  log: ServiceLogger;
  telemetrySink?: TelemetrySink | undefined;
  /** Push coalescing window (default 2 ms). */
  pushDebounceMs?: number | undefined;
  /** A proxy must say hello within this time (default 10 s). */
  helloTimeoutMs?: number | undefined;
  /** Interval of the shared proxy heartbeat (ping; silent proxies are dropped). Default 20 s. */
  heartbeatMs?: number | undefined;
  /** How long endpoints kept from the previous run are published without their proxy back (30 s). */
  restoreGraceMs?: number | undefined;
}

export interface ControlPlaneServices {
  config: ControlPlaneConfig;
  log: ServiceLogger;
  store: ResourceStore;
  auth: AuthService;
  registry: ProxyRegistry;
  publisher: SnapshotPublisher;
  sink: TelemetrySink;
  /** What config operations (apply, CRUD, rollback, analyze) work on. */
  context: ConfigContext;
  helloTimeoutMs: number;
  close(): void;
}

export function createServices(options: ServicesOptions): ControlPlaneServices {
  const { config, log } = options;
  const auth = new AuthService({
    mode: config.auth,
    dataDir: config.dataDir,
    loopback: config.loopback,
    fixedToken: config.token,
  });
  const store = ResourceStore.open(config.dataDir, config.historyRevisions);
  const registry = new ProxyRegistry({
    memory: storedEndpointMemory(store.proxyEndpoints, log),
    ...(options.restoreGraceMs !== undefined ? { restoreGraceMs: options.restoreGraceMs } : {}),
  });
  const publisher = new SnapshotPublisher({ store, registry, log, debounceMs: options.pushDebounceMs });
  const heartbeat = setInterval(() => registry.heartbeat(), options.heartbeatMs ?? 20_000);
  heartbeat.unref();
  return {
    config,
    log,
    store,
    auth,
    registry,
    publisher,
    sink: options.telemetrySink ?? new CountingTelemetrySink(),
    context: new ConfigContext(store, registry),
    helloTimeoutMs: options.helloTimeoutMs ?? 10_000,
    close() {
      clearInterval(heartbeat);
      publisher.close();
      registry.close(1001, 'control plane shutting down');
      store.close();
    },
  };
}
