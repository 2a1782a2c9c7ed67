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
      out.push({ name: '<stdin>', text: await readAllText(io.stdin) });
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
      for (const n of names) out.push({ name: join(file, n), text: await readFile(join(path, n), 'utf8') });
    } else {
      out.push({ name: file, text: await readFile(path, 'utf8') });
    }
  }
  return out;
}

/** Commander collector for a repeatable `-f`. */
export function collectFiles(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** One text for the server: a single source verbatim (its line numbers stay right), several joined by `---`. */
export function joinSources(sources: readonly ManifestSource[]): string {
  return sources.length === 1 ? sources[0]!.text : sources.map((s) => s.text).join('\n---\n');
}
