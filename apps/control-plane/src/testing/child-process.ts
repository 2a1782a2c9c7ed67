// Spawns the compiled child server (dist/testing/child-server.js) and waits for its URL.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The compiled entry; tests that need a real process fail with a clear message when it is missing. */
export const CHILD_SERVER_JS = fileURLToPath(new URL('../../dist/testing/child-server.js', import.meta.url));

export interface ChildControlPlane {
  url: string;
  token: string | null;
  process: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

export function assertChildBuilt(): void {
  if (!existsSync(CHILD_SERVER_JS)) {
    throw new Error(
      `${CHILD_SERVER_JS} is missing: build first with ./node_modules/.bin/tsc -b apps/control-plane`,
    );
  }
}

export function startChild(args: string[], timeoutMs = 15_000): Promise<ChildControlPlane> {
  assertChildBuilt();
  const child = spawn(process.execPath, [CHILD_SERVER_JS, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += String(d);
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child control plane did not start in ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.stdout!.on('data', (d) => {
      out += String(d);
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        clearTimeout(timer);
        const { url, token } = JSON.parse(line) as { url: string; token: string | null };
        resolve({ url, token, process: child, exited });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`child control plane exited (${code ?? signal}) before listening: ${stderr}`));
    });
  });
}
