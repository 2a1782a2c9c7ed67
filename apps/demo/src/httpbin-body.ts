import { jsonSafe, semiFlatten } from './httpbin-request.js';

/** The body-derived fields of httpbin's request description. */
export interface EchoBody {
  form: Record<string, string | string[]>;
  files: Record<string, string | string[]>;
  data: string;
  json: unknown;
}

/**
 * Reads a body as Werkzeug does for httpbin: urlencoded and multipart bodies become `form` (and
 * `files`) with `data` empty; any other body is `data` (text, or a data: URL when not UTF-8) and
 * `json` is its parse, or null.
 */
export async function parseEchoBody(body: Buffer, contentType: string | undefined): Promise<EchoBody> {
  const mime = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (mime === 'application/x-www-form-urlencoded') {
    return { form: semiFlatten(new URLSearchParams(body.toString('utf8'))), files: {}, data: '', json: null };
  }
  if (mime === 'multipart/form-data' && contentType) return parseMultipart(body, contentType);
  const data = jsonSafe(body);
  return { form: {}, files: {}, data, json: parseJson(body) };
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return null;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
}

async function parseMultipart(body: Buffer, contentType: string): Promise<EchoBody> {
  const fields: Array<[string, string]> = [];
  const files: Array<[string, string]> = [];
  try {
    // The platform's own multipart parser (undici), so the demo carries none of its own.
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    for (const [name, value] of form) {
      if (typeof value === 'string') fields.push([name, value]);
      else {
        const bytes = new Uint8Array(await value.arrayBuffer());
        files.push([name, jsonSafe(bytes, value.type || 'application/octet-stream')]);
      }
    }
  } catch {
    // A malformed multipart body reads as no fields, as Werkzeug's lenient parser leaves it.
  }
  return { form: semiFlatten(fields), files: semiFlatten(files), data: '', json: null };
}
