// A real `/api/v1/stream` client for tests: subscribes, applies snapshots and deltas to the graph it
// holds (as the dashboard does), records every message, and can stop reading to play a slow client.
import type { GraphEdge, GraphNode, GraphStreamMessage, GraphStreamSubscribe } from '@shadowmesh/api';
import WebSocket from 'ws';
import { waitUntil } from './wait-until.js';

export class GraphStreamClient {
  readonly messages: GraphStreamMessage[] = [];
  readonly nodes = new Map<string, GraphNode>();
  readonly edges = new Map<string, GraphEdge>();
  closed: { code: number; reason: string } | null = null;
  /** Bytes of every message received. */
  bytes = 0;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = String(data);
      this.bytes += text.length;
      const message = JSON.parse(text) as GraphStreamMessage;
      this.messages.push(message);
      this.apply(message);
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) };
    });
  }

  static connect(baseUrl: string, token?: string): Promise<GraphStreamClient> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/v1/stream`, {
      ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new GraphStreamClient(ws)));
      ws.once('unexpected-response', (req, res) => {
        res.resume();
        req.destroy();
        reject(new Error(`HTTP ${res.statusCode}`));
      });
      ws.once('error', reject);
    });
  }

  subscribe(view: Partial<Omit<GraphStreamSubscribe, 'type'>> = {}): void {
    this.send({ type: 'subscribe', namespaces: [], graphType: 'versionedApp', durationSeconds: 60, ...view });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  of<T extends GraphStreamMessage['type']>(type: T): Extract<GraphStreamMessage, { type: T }>[] {
    return this.messages.filter((m): m is Extract<GraphStreamMessage, { type: T }> => m.type === type);
  }

  waitFor<T>(check: () => T | null | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
    return waitUntil(check, what, timeoutMs, 10);
  }

  /** Stops reading from the socket (the server's send buffer fills), or starts again. */
  setReading(reading: boolean): void {
    // ws exposes the underlying net.Socket only as `_socket`: pausing it is how a slow reader looks.
    const socket = (this.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    if (reading) socket.resume();
    else socket.pause();
  }

  close(): Promise<void> {
    if (this.closed || this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }

  private apply(message: GraphStreamMessage): void {
    if (message.type === 'snapshot') {
      this.nodes.clear();
      this.edges.clear();
      for (const n of message.graph.nodes) this.nodes.set(n.id, n);
      for (const e of message.graph.edges) this.edges.set(e.id, e);
    } else if (message.type === 'delta') {
      for (const id of message.removeNodes) this.nodes.delete(id);
      for (const id of message.removeEdges) this.edges.delete(id);
      for (const n of message.upsertNodes) this.nodes.set(n.id, n);
      for (const e of message.upsertEdges) this.edges.set(e.id, e);
    }
  }
}
