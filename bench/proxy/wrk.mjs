// Runs wrk against a URL and parses requests/s and latency percentiles from its --latency output.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A wrk Lua script that POSTs a body of `bytes` bytes. */
export function postScript(dir, bytes) {
  const file = join(dir, `post-${bytes}.lua`);
  writeFileSync(
    file,
    `wrk.method = "POST"\nwrk.body = string.rep("x", ${bytes})\nwrk.headers["Content-Type"] = "application/octet-stream"\n`,
  );
  return file;
}

function toMs(value, unit) {
  const n = Number(value);
  return unit === 'us' ? n / 1000 : unit === 's' ? n * 1000 : unit === 'm' ? n * 60_000 : n;
}

export function parseWrk(text) {
  const rps = Number(text.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? Number.NaN);
  const pct = (p) => {
    const m = text.match(new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s|m)`, 'm'));
    return m ? toMs(m[1], m[2]) : Number.NaN;
  };
  const errors = text.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const non2xx = Number(text.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0);
  const socketErrors = errors ? errors.slice(1).reduce((n, v) => n + Number(v), 0) : 0;
  return { rps, p50: pct(50), p99: pct(99), errors: socketErrors + non2xx };
}

/**
 * A script that runs `script` (if any) and then sets `headers` in wrk.headers. `-H host: x` would make wrk
 * send two Host headers (its own `Host` as well: wrk.lua checks the key case-sensitively); which one a
 * server keeps depends on the Lua table order, which varies per thread and run. nginx answers 400 to
 * that, and a proxy keeping `Host: 127.0.0.1:<its own port>` would forward to itself.
 */
function headerScript(dir, script, headers) {
  const file = join(dir, 'headers.lua');
  const lines = script ? [`dofile(${JSON.stringify(script)})`] : [];
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase() === 'host' ? 'Host' : name;
    lines.push(`wrk.headers[${JSON.stringify(key)}] = ${JSON.stringify(String(value))}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Runs wrk once; resolves with the parsed figures. */
export async function runWrk({ url, seconds, threads = 2, connections = 64, script, headers }) {
  const dir = headers ? mkdtempSync(join(tmpdir(), 'wrk-')) : null;
  try {
    const file = dir ? headerScript(dir, script, headers) : script;
    return await wrkOnce({ url, seconds, threads, connections, script: file });
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

function wrkOnce({ url, seconds, threads, connections, script }) {
  const args = [
    '-t',
    String(threads),
    '-c',
    String(connections),
    '-d',
    `${seconds}s`,
    '--latency',
    '--timeout',
    '5s',
  ];
  if (script) args.push('-s', script);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args);
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.stderr.on('data', (c) => {
      out += c;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(parseWrk(out)) : reject(new Error(`wrk exited ${code}: ${out}`)),
    );
  });
}
