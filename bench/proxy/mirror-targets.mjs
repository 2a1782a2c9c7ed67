// Mirror targets that misbehave on purpose: slow (answers after a delay) and hanging (never answers).
import { createServer } from 'node:http';

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

/** Answers every request after `delayMs`, reading the body first. */
export async function startSlowServer(delayMs) {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => setTimeout(() => res.end('slow'), delayMs));
  });
  server.keepAliveTimeout = 60_000;
  const port = await listen(server);
  return { port, close: () => closeAll(server) };
}

/** Accepts connections and reads requests but never answers. */
export async function startHangingServer() {
  const server = createServer((req) => req.resume());
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  const port = await listen(server);
  return { port, close: () => closeAll(server) };
}

/** A port with nothing listening: connections are refused. */
export async function deadPort() {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function closeAll(server) {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
}
