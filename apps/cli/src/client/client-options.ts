// The options every client command shares: where the control plane is and how to authenticate.
import { isAbsolute, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError } from './cli-error.js';
import { type CommandIO, readTextFileIfPresent } from './command-io.js';

export const DEFAULT_SERVER = 'http://127.0.0.1:20001';
export const DEFAULT_DATA_DIR = '.shadowmesh';

/** As commander parses them. */
export interface ClientOptions {
  server?: string;
  token?: string;
  data?: string;
}

export interface ClientSettings {
  /** Base URL without a trailing slash: `http://127.0.0.1:20001`. */
  server: string;
  /** null ⇒ no Authorization header (reads on a loopback control plane need none). */
  token: string | null;
  /** Where the token came from, for the 401 hint. */
  tokenSource: 'flag' | 'env' | 'file' | 'none';
}

/** Adds `--server`, `--token` and `--data` to a client command. */
export function addClientOptions(command: Command): Command {
  return command
    .option('--server <url>', 'control plane URL', DEFAULT_SERVER)
    .option('--token <token>', 'API token (default: $SHADOWMESH_TOKEN, then <data>/token)')
    .option('--data <dir>', 'data directory holding the token file', DEFAULT_DATA_DIR);
}

/** Resolves the server URL and the token: `--token`, then `SHADOWMESH_TOKEN`, then `<data>/token`. */
export function resolveClientSettings(options: ClientOptions, io: CommandIO): ClientSettings {
  const server = normalizeServer(options.server ?? DEFAULT_SERVER);
  if (options.token !== undefined && options.token.trim() !== '') {
    return { server, token: options.token.trim(), tokenSource: 'flag' };
  }
  const fromEnv = io.env.SHADOWMESH_TOKEN?.trim();
  if (fromEnv) return { server, token: fromEnv, tokenSource: 'env' };
  const dir = options.data ?? DEFAULT_DATA_DIR;
  const file = join(isAbsolute(dir) ? dir : resolve(io.cwd, dir), 'token');
  const fromFile = readTextFileIfPresent(file)?.trim();
  if (fromFile) return { server, token: fromFile, tokenSource: 'file' };
  return { server, token: null, tokenSource: 'none' };
}

/** Checks `--server` is an http(s) URL and drops a trailing slash. */
export function normalizeServer(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new CliError(`--server must be a URL such as ${DEFAULT_SERVER}, got ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(`--server must be an http:// or https:// URL, got ${JSON.stringify(text)}`);
  }
  return url.toString().replace(/\/+$/, '');
}
