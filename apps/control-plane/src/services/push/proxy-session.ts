// One proxy's WebSocket: hello → welcome + config, then ack/nack/telemetry/flows. A malformed
// message is answered with an error and counted; nothing thrown here escapes the socket callbacks.
import { type ControlPlaneToProxy, PROXY_PROTOCOL_VERSION, SHADOWMESH_VERSION } from '@shadowmesh/api';
import type { RawData, WebSocket } from 'ws';
import type { CpErrorCode } from '../../errors.js';
import type { ServiceLogger } from '../service-logger.js';
import { parseProxyMessage } from './proxy-messages.js';
import type { ProxyConnection, ProxyEntry, ProxyRegistry } from './proxy-registry.js';
import type { SnapshotPublisher } from './snapshot-publisher.js';
import type { TelemetrySink } from './telemetry-sink.js';

export interface ProxySessionDeps {
  registry: ProxyRegistry;
  publisher: SnapshotPublisher;
  sink: TelemetrySink;
  log: ServiceLogger;
  /** A proxy that has not said hello by then is disconnected. */
  helloTimeoutMs?: number;
}

/** WebSocket close code for protocol violations (RFC 6455 1008: policy violation). */
const POLICY_VIOLATION = 1008;

export function attachProxySession(socket: WebSocket, deps: ProxySessionDeps): void {
  const { registry, publisher, sink, log } = deps;
  let entry: ProxyEntry | null = null;
  const connection: ProxyConnection = {
    send: (text) => socket.send(text, { binary: false }),
    close: (code, reason) => socket.close(code, reason),
    ping: () => socket.ping(),
    terminate: () => socket.terminate(),
  };
  const reply = (message: ControlPlaneToProxy) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const refuse = (code: CpErrorCode, message: string) => {
    registry.counters.malformedMessages++;
    reply({ type: 'error', code, message });
  };
  const helloTimer = setTimeout(() => {
    registry.counters.refusedConnections++;
    reply({ type: 'error', code: 'CP_ERR_PROXY_HELLO_TIMEOUT', message: 'no hello received' });
    socket.close(POLICY_VIOLATION, 'hello timeout');
  }, deps.helloTimeoutMs ?? 10_000);

  const onMessage = (data: RawData, isBinary: boolean) => {
    if (isBinary)
      return refuse('CP_ERR_PROXY_MESSAGE_INVALID', 'binary messages are not part of the protocol');
    const parsed = parseProxyMessage(rawText(data));
    if (!parsed.ok) return refuse('CP_ERR_PROXY_MESSAGE_INVALID', parsed.error);
    const message = parsed.message;
    if (message.type === 'hello') {
      if (entry) return refuse('CP_ERR_PROXY_MESSAGE_INVALID', 'hello was already received');
      clearTimeout(helloTimer);
      if (message.protocolVersion !== PROXY_PROTOCOL_VERSION) {
        registry.counters.refusedConnections++;
        reply({
          type: 'error',
          code: 'CP_ERR_PROXY_PROTOCOL_MISMATCH',
          message: `protocol version ${message.protocolVersion} is not supported; this control plane speaks ${PROXY_PROTOCOL_VERSION}`,
        });
        socket.close(POLICY_VIOLATION, 'protocol version mismatch');
        return;
      }
      entry = registry.register(message.proxy, connection);
      log.info({ proxy: message.proxy.id, kind: message.proxy.kind }, 'proxy connected');
      reply({ type: 'welcome', proxyId: message.proxy.id, serverVersion: SHADOWMESH_VERSION });
      publisher.welcome(entry);
      registry.welcomed(entry);
      return;
    }
    if (!entry) return refuse('CP_ERR_PROXY_MESSAGE_INVALID', `${message.type} before hello`);
    switch (message.type) {
      case 'ack':
        registry.recordAck(entry, message.version);
        return;
      case 'nack':
        registry.recordNack(entry, message.version, message.error);
        log.warn(
          { proxy: entry.identity.id, version: message.version, error: message.error },
          'proxy NACKed config',
        );
        return;
      case 'telemetry':
        registry.touch(entry);
        sink.telemetry(entry.identity, message.payload);
        return;
      case 'flows':
        registry.touch(entry);
        sink.flows(entry.identity, message.payload);
        return;
    }
  };

  socket.on('message', (data, isBinary) => {
    try {
      onMessage(data, isBinary);
    } catch (error) {
      log.error({ err: error }, 'proxy message handling failed');
    }
  });
  socket.on('pong', () => {
    if (entry) registry.touch(entry);
  });
  socket.on('error', (error) => log.debug({ err: error }, 'proxy socket error'));
  socket.on('close', (code) => {
    clearTimeout(helloTimer);
    if (!entry) return;
    log.info({ proxy: entry.identity.id, code }, 'proxy disconnected');
    registry.disconnect(entry, connection);
  });
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
