// Builds the app and listens; the CLI prints what this returns (this prints nothing itself).
import { buildApp } from './app.js';
import { type ControlPlaneConfig, formatHostPort } from './config.js';
import { cpError } from './errors.js';

export interface RunningControlPlane {
  /** Base URL, e.g. `http://127.0.0.1:20001` (a wildcard bind is shown as 127.0.0.1). */
  url: string;
  /** One-time URL that signs a browser in; null when auth is off. */
  loginUrl: string | null;
  /** The API token; null when auth is off. */
  token: string | null;
  close(): Promise<void>;
}

export async function startControlPlane(config: ControlPlaneConfig): Promise<RunningControlPlane> {
  const app = await buildApp({ config });
  const where = formatHostPort(config.host, config.port);
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw cpError(
        'CP_ERR_ADDRESS_IN_USE',
        `${where} is already in use`,
        { field: 'listen' },
        { cause: error },
      );
    }
    const message = `cannot listen on ${where}: ${(error as Error).message}`;
    throw cpError('CP_ERR_CONFIG_INVALID', message, { field: 'listen' }, { cause: error });
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host === '::' ? '::1' : config.host;
  const url = `http://${formatHostPort(host, port)}`;
  const { auth } = app.services;
  const loginUrl = auth.mode === 'token' ? `${url}/login?code=${auth.sessions.createLoginCode()}` : null;
  let closing: Promise<void> | null = null;
  return {
    url,
    loginUrl,
    token: auth.token,
    close: () => {
      closing ??= closeWithin(app, CLOSE_GRACE_MS);
      return closing;
    },
  };
}

/**
 * Requests in flight get this long to finish on close; then every connection left is cut. A connection
 * that never sent a request (a browser's spare one) is not "idle" to node and would hold the close open
 * until `headersTimeout` (60 s).
 */
const CLOSE_GRACE_MS = 2_000;

function closeWithin(app: Awaited<ReturnType<typeof buildApp>>, graceMs: number): Promise<void> {
  const timer = setTimeout(() => app.server.closeAllConnections(), graceMs);
  timer.unref();
  return app.close().finally(() => clearTimeout(timer));
}

/**
 * Closes `running` on the first SIGINT or SIGTERM (a second one exits at once). Resolves once
 * closed; the caller decides whether to exit.
 */
export function closeOnSignals(
  running: Pick<RunningControlPlane, 'close'>,
  signals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'],
): Promise<void> {
  return new Promise((resolve, reject) => {
    let closing = false;
    const onSignal = () => {
      if (closing) process.exit(130);
      closing = true;
      running.close().then(() => {
        for (const s of signals) process.off(s, onSignal);
        resolve();
      }, reject);
    };
    for (const s of signals) process.on(s, onSignal);
  });
}
