// Starts nginx instances for the benchmark: a static upstream, and the peer proxy with the mirror module.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

const COMMON = (dir) => `
worker_processes 1;
error_log ${dir}/error.log warn;
pid ${dir}/nginx.pid;
events { worker_connections 8192; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_buffer_size 64k;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
`;

/** A static upstream answering `ok` on each of `ports` (the primary and the healthy mirror target). */
export function upstreamConfig(dir, ports) {
  const servers = ports
    .map((p) => `  server { listen 127.0.0.1:${p}; location / { return 200 "ok\\n"; } }`)
    .join('\n');
  return `${COMMON(dir)}${servers}\n}\n`;
}

/** nginx as the peer proxy: proxy_pass to the upstream, and with `mirrorPort` the mirror module at 100%. */
export function proxyConfig(dir, { listenPort, upstreamPort, mirrorPort }) {
  const mirror = mirrorPort
    ? `    mirror /_mirror;
    mirror_request_body on;`
    : '';
  const mirrorUpstream = mirrorPort
    ? `  upstream mirror { server 127.0.0.1:${mirrorPort}; keepalive 64; }`
    : '';
  const mirrorLocation = mirrorPort
    ? `  location = /_mirror {
    internal;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host-shadow;
    proxy_connect_timeout 5s;
    proxy_read_timeout 5s;
    proxy_pass http://mirror$request_uri;
  }`
    : '';
  return `${COMMON(dir)}
  upstream primary { server 127.0.0.1:${upstreamPort}; keepalive 64; }
${mirrorUpstream}
  server {
    listen 127.0.0.1:${listenPort};
    location / {
${mirror}
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_pass http://primary;
    }
${mirrorLocation}
  }
}
`;
}

/** Runs nginx in the foreground with `config`; resolves once it accepts connections on `port`. */
export async function startNginx(dir, config, port) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, config);
  const child = spawn('nginx', ['-p', dir, '-c', file, '-g', 'daemon off;'], { stdio: 'inherit' });
  await waitForPort(port);
  // The master forks one worker; the worker does the work we measure.
  return {
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGQUIT');
      }),
  };
}

export async function waitForPort(port, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`);
      await res.arrayBuffer();
      return;
    } catch {
      await delay(50);
    }
  }
  throw new Error(`nothing answered on 127.0.0.1:${port} within ${timeoutMs} ms`);
}
