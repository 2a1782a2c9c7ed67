import { createServer } from 'node:net';

/**
 * A port that was free a moment ago on `host`, for a child that must be told its port before it starts
 * (an application behind a sidecar). Another process could take it in between: callers retry on
 * "address in use".
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
