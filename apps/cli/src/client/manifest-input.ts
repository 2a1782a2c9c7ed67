// `-f FILE|DIR|-`: the manifests a command reads, as text, with where each came from.
import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { CliError } from './cli-error.js';
import { type CommandIO, readAllText } from './command-io.js';

export interface ManifestSource {
  /** The path as the user gave it, or `<stdin>`. */
  name: string;
  text: string;
}

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** Reads every `-f` argument: a file, a directory (its .yaml/.yml/.json files, sorted) or `-` for stdin. */
export async function readManifests(files: readonly string[], io: CommandIO): Promise<ManifestSource[]> {
  if (files.length === 0) throw new CliError('a file is required: pass -f FILE (or -f - to read stdin)');
  const out: ManifestSource[] = [];
  for (const file of files) {
    if (file === '-') {
      out.push({ name: '<stdin>', text: withoutBom(await readAllText(io.stdin)) });
      continue;
    }
    const path = isAbsolute(file) ? file : resolve(io.cwd, file);
    const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
      throw new CliError(
        err.code === 'ENOENT' ? `the path "${file}" does not exist` : `cannot read "${file}": ${err.message}`,
      );
    });
    if (info.isDirectory()) {
      const names = (await readdir(path))
        .filter((n) => MANIFEST_EXTENSIONS.some((e) => n.endsWith(e)))
        .sort();
      if (names.length === 0) throw new CliError(`no .yaml, .yml or .json files in "${file}"`);
      for (const n of names) {
        out.push({ name: join(file, n), text: withoutBom(await readFile(join(path, n), 'utf8')) });
      }
    } else {
      out.push({ name: file, text: withoutBom(await readFile(path, 'utf8')) });
    }
  }
  return out;
}

/** Commander collector for a repeatable `-f`. */
export function collectFiles(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * One text for the server: a single source verbatim (its line numbers stay right), several joined by `---`
 * (or `...` before a file that opens with a `%YAML` directive, which may only follow a document end).
 * Each separator adds two lines; `sourceAt` maps positions in the joined text back.
 */
export function joinSources(sources: readonly ManifestSource[]): string {
  let out = sources[0]?.text ?? '';
  for (const s of sources.slice(1)) out += `${s.text.startsWith('%') ? '\n...\n' : '\n---\n'}${s.text}`;
  return out;
}

/** Lines a separator of joinSources adds between two sources. */
export const SEPARATOR_LINES = 2;

// A byte-order mark (Windows editors write one) is not YAML: inside a joined body it would become part of
// the first key (`\uFEFFapiVersion`), and it shifts the columns of line 1 that an editor shows.
function withoutBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
