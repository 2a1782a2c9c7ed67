// Process helpers for the root scripts: run a command inheriting stdio, and run the pinned pnpm.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs a command with inherited stdio; resolves with its exit code (signals count as failure). */
export function run(cmd, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('error', (err) => {
      console.error(`could not start ${cmd}: ${err.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** The pnpm version pinned in package.json's packageManager field. */
export function pnpmVersion() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return pkg.packageManager.split('@')[1];
}

/** Runs the pinned pnpm through npx, so a machine with only Node and npm needs nothing else. */
export function pnpm(args, options = {}) {
  return run('npx', ['--yes', `pnpm@${pnpmVersion()}`, ...args], {
    ...options,
    env: { ...process.env, npm_config_update_notifier: 'false', ...options.env },
  });
}

/** Runs a step and exits the process with its code when it fails. */
export async function step(name, promise) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const code = await promise;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (code !== 0) {
    console.error(`✖ ${name} failed (exit ${code}, ${seconds}s)`);
    process.exit(code);
  }
  console.log(`✔ ${name} (${seconds}s)`);
}
