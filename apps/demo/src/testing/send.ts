import { request } from 'node:http';

export interface SendOptions {
  method?: string;
  /** Header pairs sent exactly as written (names keep their case; a name may repeat). */
  headers?: ReadonlyArray<readonly [string, string]>;
  body?: string | Buffer;
}

export interface SendResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * A test client on node:http, because fetch will not send a chosen Host header or repeated headers.
 * Sends one request to `url` and resolves with the whole answer.
 */
export function send(url: string, options: SendOptions = {}): Promise<SendResult> {
  const target = new URL(url);
  const flat: string[] = [];
  const headers = options.headers ?? [];
  // Raw header arrays get no automatic Host; add the target's unless the test chose one.
  if (!headers.some(([name]) => name.toLowerCase() === 'host')) flat.push('Host', target.host);
  for (const [name, value] of headers) flat.push(name, value);
  if (options.body !== undefined && !headers.some(([name]) => name.toLowerCase() === 'content-length')) {
    flat.push('Content-Length', String(Buffer.byteLength(options.body)));
  }
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        headers: flat,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end(options.body);
  });
}

/** Parses a JSON answer, failing the test with the text when it is not JSON. */
export function jsonOf(result: SendResult): Record<string, unknown> {
  try {
    return JSON.parse(result.text) as Record<string, unknown>;
  } catch {
    throw new Error(`expected JSON, got ${result.status}: ${result.text.slice(0, 200)}`);
  }
}
