// Loopback ports that take no request: one that refuses connections, and one whose listener never
// accepts, so a connect to it hangs (the kernel drops SYNs once the accept queue is full).
import { spawn } from 'node:child_process';
import { connect, createServer, type Socket } from 'node:net';

/** A loopback port nothing listens on (bound and released: connects are refused). */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface BlackholeListener {
  /** `127.0.0.1:PORT` */
  readonly address: string;
  close(): Promise<void>;
}

// Node accepts every connection as it arrives, so the never-accepting listener is a tiny Python
// process (python3 is on every project machine): `listen(0)` leaves room for one queued connection.
const LISTENER = `
import socket, sys
s = socket.socket()
s.bind(('127.0.0.1', 0))
s.listen(0)
print(s.getsockname()[1], flush=True)
sys.stdin.read()
`;

/** A listener whose accept queue is full: new connects to it neither complete nor fail. */
export async function startBlackholeListener(): Promise<BlackholeListener> {
  const child = spawn('python3', ['-c', LISTENER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`blackhole listener exited with ${code}`)));
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  // The one connection the queue holds: once it is in, later SYNs are dropped.
  const filler: Socket = connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => {
    filler.once('connect', resolve);
    filler.once('error', reject);
  });
  return {
    address: `127.0.0.1:${port}`,
    close: async () => {
      filler.destroy();
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.stdin.end();
      await exited;
    },
  };
}
