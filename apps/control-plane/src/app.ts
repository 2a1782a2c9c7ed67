// Builds the Fastify app (never listens): services, plugins, routes, dashboard. server.ts listens.
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { ControlPlaneConfig } from './config.js';
import { authPlugin } from './plugins/auth.js';
import { dashboardPlugin } from './plugins/dashboard.js';
import { errorsPlugin } from './plugins/errors.js';
import { jsonBodyPlugin } from './plugins/json-body.js';
import { servicesPlugin } from './plugins/services.js';
import { analyzeRoutes } from './routes/analyze/index.js';
import { applyRoutes } from './routes/apply/index.js';
import { demoRoutes } from './routes/demo/index.js';
import { divergenceRoutes } from './routes/divergence/index.js';
import { decorateFlows } from './routes/flows/decorate-flows.js';
import { flowRoutes } from './routes/flows/index.js';
import { decorateTelemetry } from './routes/graph/decorate-telemetry.js';
import { graphRoutes } from './routes/graph/index.js';
import { healthRoutes } from './routes/health/index.js';
import { historyRoutes } from './routes/history/index.js';
import { metricsRoutes } from './routes/metrics/index.js';
import { prometheusRoutes } from './routes/prometheus/index.js';
import { proxyRoutes } from './routes/proxies/index.js';
import { resourceRoutes } from './routes/resources/index.js';
import { sessionRoutes } from './routes/session/index.js';
import { streamRoutes } from './routes/stream/index.js';
import { tapRoutes } from './routes/tap/index.js';
import { versionRoutes } from './routes/version/index.js';
import { createServices } from './services/control-plane-services.js';
import {
  createFlowsRuntime,
  createFlowsService,
  type FlowsRuntime,
  flowsSink,
} from './services/flows/flows-runtime.js';
import type { TelemetrySink } from './services/push/telemetry-sink.js';
import { createTelemetryRuntime, type TelemetryRuntime } from './services/telemetry/telemetry-runtime.js';
import { TelemetryService } from './services/telemetry/telemetry-service.js';

/** Largest WebSocket message a client may send (telemetry batches and sampled flows fit well within it). */
const MAX_WS_MESSAGE_BYTES = 8 * 1024 * 1024;

export interface AppOptions {
  config: ControlPlaneConfig;
  /** A pino logger to use; default: a new one at `config.logLevel`. `false` silences logging. */
  logger?: FastifyBaseLogger | false;
  /** Also receives proxies' telemetry and flow messages (the built-in telemetry service always ingests them). */
  telemetrySink?: TelemetrySink;
  /** Graph stream knobs (tests): tick interval (1000 ms) and ping interval (30 000 ms). */
  stream?: { tickMs?: number; pingMs?: number };
  /** Push coalescing window in ms (default 2). */
  pushDebounceMs?: number;
  /** Time a proxy has to say hello, in ms (default 10 000). */
  helloTimeoutMs?: number;
  /** Proxy heartbeat interval in ms (default 20 000). */
  heartbeatMs?: number;
  /** Flow knobs (tests): a clock, ring bounds, the copy grace period, the tap tick. */
  flows?: {
    now?: () => number;
    maxExchanges?: number;
    maxBodyChars?: number;
    copyGraceMs?: number;
    sweepMs?: number;
    tapTickMs?: number;
  };
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    ...(options.logger === undefined
      ? { logger: { level: config.logLevel } }
      : options.logger === false
        ? { logger: false }
        : { loggerInstance: options.logger }),
    bodyLimit: config.bodyLimit,
    // Per-request log lines only at debug/trace: `shadowmesh up` stays quiet at info.
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
    requestIdHeader: 'x-request-id',
  });
  // Created first: they are the proxies' telemetry sink, which the other services are built with.
  const f = options.flows ?? {};
  const flowsService = createFlowsService({
    log: app.log,
    ...(f.now ? { now: f.now } : {}),
    ...(f.maxExchanges !== undefined ? { maxExchanges: f.maxExchanges } : {}),
    ...(f.maxBodyChars !== undefined ? { maxBodyChars: f.maxBodyChars } : {}),
    ...(f.sweepMs !== undefined ? { sweepMs: f.sweepMs } : {}),
  });
  const service = new TelemetryService({
    log: app.log,
    next: flowsSink(flowsService, options.telemetrySink),
  });
  let telemetry: TelemetryRuntime;
  let flows: FlowsRuntime;
  try {
    const services = createServices({
      config,
      log: app.log,
      telemetrySink: service.sink,
      pushDebounceMs: options.pushDebounceMs,
      helloTimeoutMs: options.helloTimeoutMs,
      heartbeatMs: options.heartbeatMs,
    });
    servicesPlugin(app, services);
    telemetry = createTelemetryRuntime({
      service,
      store: services.store,
      registry: services.registry,
      publisher: services.publisher,
      log: app.log,
      stream: options.stream,
      prometheusUrl: config.prometheusUrl,
    });
    decorateTelemetry(app, telemetry);
    flows = createFlowsRuntime({
      flows: flowsService,
      store: services.store,
      registry: services.registry,
      log: app.log,
      ...(f.copyGraceMs !== undefined ? { copyGraceMs: f.copyGraceMs } : {}),
      ...(f.tapTickMs !== undefined ? { tap: { tickMs: f.tapTickMs } } : {}),
    });
    decorateFlows(app, flows);
    telemetry.mesh.useDivergence(flowsService);
  } catch (error) {
    flowsService.close();
    service.close();
    await app.close();
    throw error;
  }
  errorsPlugin(app);
  jsonBodyPlugin(app);
  // Registered before auth: its onRequest hook must mark upgrade requests first, so a refused
  // upgrade (401) has its socket destroyed instead of left open.
  await app.register(websocket, { options: { maxPayload: MAX_WS_MESSAGE_BYTES } });
  await authPlugin(app, app.services.auth);
  await app.register(healthRoutes);
  await app.register(versionRoutes);
  await app.register(sessionRoutes);
  await app.register(resourceRoutes);
  await app.register(applyRoutes);
  await app.register(analyzeRoutes);
  await app.register(historyRoutes);
  await app.register(proxyRoutes);
  await app.register(graphRoutes, { telemetry });
  await app.register(metricsRoutes, { telemetry });
  await app.register(streamRoutes, { telemetry });
  await app.register(prometheusRoutes, { telemetry, flows });
  await app.register(flowRoutes, { flows });
  await app.register(divergenceRoutes, { flows });
  await app.register(tapRoutes, { flows });
  await app.register(demoRoutes);
  await dashboardPlugin(app, config.dashboardDir);
  return app;
}
