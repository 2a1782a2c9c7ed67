// A minimal proxy for tests: speaks the real WebSocket protocol (hello, then ack or nack each config).
import { type ControlPlaneToProxy, PROXY_PROTOCOL_VERSION, type ProxyIdentity } from '@shadowmesh/api';
import WebSocket from 'ws';

export type ConfigAnswer = 'ack' | 'nack' | 'ignore';

export interface FakeProxy {
  id: string;
  /** Versions of every config received. */
  received: string[];
  /** Resolves once a config has arrived (and been answered). */
  firstConfig: Promise<string>;
  close(): Promise<void>;
}

export async function connectFakeProxy(
  url: string,
  token: string,
  identity: Pick<ProxyIdentity, 'id' | 'workload' | 'namespace' | 'kind'> & {
    labels?: Record<string, string>;
  },
  answer: ConfigAnswer,
): Promise<FakeProxy> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/api/v1/proxies/connect`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const received: string[] = [];
  let gotConfig: (version: string) => void = () => {};
  const firstConfig = new Promise<string>((resolve) => {
    gotConfig = resolve;
  });
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as ControlPlaneToProxy;
    if (message.type !== 'config') return;
    const version = message.snapshot.version;
    received.push(version);
    if (answer === 'ack') socket.send(JSON.stringify({ type: 'ack', version }));
    if (answer === 'nack')
      socket.send(JSON.stringify({ type: 'nack', version, error: 'route table: test refusal' }));
    gotConfig(version);
  });
  const proxy: ProxyIdentity = {
    labels: {},
    inbound: null,
    outbound: null,
    admin: null,
    ...identity,
  };
  socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROXY_PROTOCOL_VERSION, proxy }));
  return {
    id: identity.id,
    received,
    firstConfig,
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
}
