import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/test-app.js';
import { identityOf } from '../../testing/test-proxy.js';
import { silentLogger } from '../service-logger.js';
import { ResourceStore } from '../store/resource-store.js';
import { createTelemetryRuntime } from '../telemetry/telemetry-runtime.js';
import { TelemetryService } from '../telemetry/telemetry-service.js';
import { type ProxyConnection, ProxyRegistry } from './proxy-registry.js';
import { SnapshotPublisher } from './snapshot-publisher.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function setup() {
  const dir = tempDir('shadowmesh-publisher-');
  const store = ResourceStore.open(dir.path);
  const registry = new ProxyRegistry();
  const publisher = new SnapshotPublisher({ store, registry, log: silentLogger });
  cleanups.push(
    dir.remove,
    () => store.close(),
    () => publisher.close(),
  );
  return { store, registry, publisher };
}

/** A connection that keeps what it is sent, or fails every send. */
function connection(fail = false): ProxyConnection & { sent: number } {
  const c = {
    sent: 0,
    send: () => {
      if (fail) throw new Error('socket gone');
      c.sent++;
    },
    close: () => {},
    ping: () => {},
    terminate: () => {},
  };
  return c;
}

describe('SnapshotPublisher.pushes', () => {
  it('counts every snapshot sent to a proxy, exactly, and no failed send', () => {
    const { registry, publisher } = setup();
    const a = connection();
    const b = connection();
    const broken = connection(true);
    const entryA = registry.register(identityOf({ id: 'a.default-1' }), a);
    registry.register(identityOf({ id: 'b.default-1' }), b);
    registry.register(identityOf({ id: 'c.default-1' }), broken);
    publisher.publish();
    publisher.publish();
    publisher.welcome(entryA);
    expect([a.sent, b.sent]).toEqual([3, 2]);
    expect(publisher.pushes).toBe(5);
  });

  it('is what /metrics reports as shadowmesh_config_pushes_total (two pushes to one proxy count twice)', () => {
    const { store, registry, publisher } = setup();
    const service = new TelemetryService();
    const runtime = createTelemetryRuntime({ service, store, registry, log: silentLogger, publisher });
    cleanups.push(() => runtime.close());
    registry.register(identityOf({ id: 'a.default-1' }), connection());
    publisher.publish();
    publisher.publish();
    const pushes = runtime.controlPlaneMetrics().find((m) => m.name === 'shadowmesh_config_pushes_total');
    expect(pushes?.samples).toEqual([{ value: 2 }]);
  });
});
