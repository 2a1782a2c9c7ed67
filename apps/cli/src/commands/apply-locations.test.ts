// Issue #12: every refusal of `-f` input names its place as `FILE:LINE:COLUMN: message` (1-based), whether
// the CLI's own check or the server refused it, and whichever of several files it is in.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../client/testing/run-cli.js';
import { startTestControlPlane, type TestControlPlane } from '../client/testing/test-control-plane.js';
import { CLI_BIN } from '../mesh/cli-paths.js';

const svc = (name: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  ports: [{port: 80}]\n`;

function aliasBomb(): string {
  const lines = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: never-bomb', '  labels:'];
  lines.push('    a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]');
  for (const [prev, name] of ['ab', 'bc', 'cd', 'de', 'ef', 'fg', 'gh', 'hi']) {
    lines.push(`    ${name}: &${name} [${new Array(9).fill(`*${prev}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\nspec:\n  ports: [{port: 80}]\n`;
}

// [case, bad.yaml, where the first error is, its message]
const MALFORMED: [string, string, string, string][] = [
  [
    'bad indentation',
    svc('never-indent').replace('  name: never-indent\n', '  name: never-indent\n    namespace: x\n'),
    '4:9',
    'Nested mappings are not allowed in compact mappings',
  ],
  [
    'tab indentation',
    svc('never-tab').replace('  name:', '\tname:'),
    '4:1',
    'Tabs are not allowed as indentation',
  ],
  [
    'unclosed quote',
    svc('never-quote').replace('name: never-quote', 'name: "never-quote'),
    '4:9',
    'Missing closing "quote',
  ],
  [
    'duplicate key',
    svc('never-dup').replace('  name: never-dup\n', '  name: never-dup\n  name: never-dup2\n'),
    '5:3',
    'Map keys must be unique',
  ],
  [
    'a malformed second document',
    `${svc('never-first')}---\n${svc('never-second').replace('spec:', '   labels: {a: b}\nspec:')}`,
    '11:9',
    'Nested mappings are not allowed in compact mappings',
  ],
  ['an alias bomb', aliasBomb(), '7:12', 'Excessive alias count indicates a resource exhaustion attack'],
];

let cp: TestControlPlane;
let conn: string[];
const scratch = mkdtempSync(join(tmpdir(), 'shadowmesh-apply-at-'));

beforeAll(async () => {
  cp = await startTestControlPlane();
  conn = ['--server', cp.url, '--token', cp.token];
});
afterAll(async () => {
  await cp?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** The built CLI (bin/shadowmesh.mjs → dist/), as a user runs it. */
function shadowmesh(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI_BIN, ...args], { cwd }, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('shadowmesh apply -f with malformed YAML', () => {
  it.each(MALFORMED)(
    '%s: bad.yaml:LINE:COLUMN: message, exit 1, nothing stored',
    async (_, text, at, message) => {
      const dir = mkdtempSync(join(scratch, 'case-'));
      writeFileSync(join(dir, 'bad.yaml'), text);
      const run = await shadowmesh(['apply', '-f', 'bad.yaml', ...conn], dir);
      expect(run.stderr).toContain(`error: bad.yaml:${at}: ${message}\n`);
      expect(run.stderr).toMatch(/error: nothing was applied\n$/);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      const stored = await runCli(['get', 'svc', '-A', ...conn]);
      expect(stored.stdout).not.toContain('never-');
    },
  );

  it('names the file of several that is malformed, with its own line, and <stdin> for -f -', async () => {
    const dir = mkdtempSync(join(scratch, 'several-'));
    writeFileSync(join(dir, 'good.yaml'), svc('never-good'));
    writeFileSync(join(dir, 'bad.yaml'), MALFORMED[3]![1]);
    const files = await runCli(['apply', '-f', join(dir, 'good.yaml'), '-f', join(dir, 'bad.yaml'), ...conn]);
    expect(files.stderr).toBe(
      `error: ${join(dir, 'bad.yaml')}:5:3: Map keys must be unique\nerror: nothing was applied\n`,
    );
    const stdin = await runCli(['apply', '-f', join(dir, 'good.yaml'), '-f', '-', ...conn], {
      stdin: MALFORMED[1]![1],
    });
    expect(stdin.stderr).toContain('error: <stdin>:4:1: Tabs are not allowed as indentation\n');
    expect((await runCli(['get', 'svc', 'never-good', ...conn])).code).toBe(1);
  });

  it('diff -f, analyze -f and delete -f name the place too', async () => {
    const path = join(scratch, 'dup.yaml');
    writeFileSync(path, MALFORMED[3]![1]);
    for (const argv of [['diff'], ['analyze'], ['delete']]) {
      const run = await runCli([...argv, '-f', path, ...conn]);
      expect(run.stderr, argv[0]).toMatch(new RegExp(`^error: ${path}:5:3: .*Map keys must be unique\\n`));
      expect(run.code, argv[0]).not.toBe(0);
    }
  });
});

describe('several -f files in one body', () => {
  it('applies a file that opens with a byte-order mark or a %YAML directive after another file', async () => {
    const dir = mkdtempSync(join(scratch, 'join-'));
    writeFileSync(join(dir, 'a.yaml'), svc('joined-a'));
    writeFileSync(join(dir, 'bom.yaml'), `\uFEFF${svc('joined-bom')}`);
    writeFileSync(join(dir, 'directive.yaml'), `%YAML 1.2\n---\n${svc('joined-directive')}`);
    const run = await runCli([
      'apply',
      ...['a', 'bom', 'directive'].flatMap((n) => ['-f', join(dir, `${n}.yaml`)]),
      ...conn,
    ]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      'service/joined-a created\nservice/joined-bom created\nservice/joined-directive created\n',
    );
  });
});

describe('a refusal by the server (newer rules than this CLI knows)', () => {
  const vs = [
    'apiVersion: networking.istio.io/v1',
    'kind: VirtualService',
    'metadata: {name: reviews}',
    'spec:',
    '  hosts: [reviews]',
    '  http:',
    '  - route:',
    '    - destination: {host: reviews}',
    '      weight: 100',
    '',
  ].join('\n');
  let server: Server;
  let url: string;
  const bodies: string[] = [];

  beforeAll(async () => {
    // Answers as the real control plane does, with lines counted in the joined body it was sent:
    // a.yaml is lines 1-7, the separator line 8, b.yaml from line 9, so b.yaml's line 9 is line 17.
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString('utf8');
      });
      req.on('end', () => {
        bodies.push(body);
        const fields = [
          {
            field: 'spec.http[0].route[0].weight',
            message: 'must be at most 50',
            document: 1,
            line: 17,
            column: 15,
          },
          { field: 'spec.hosts[0]', message: 'must be a FQDN', document: 1, line: 13, column: 11 },
        ];
        const message = `document 1 (VirtualService reviews): ${fields[0]!.field}: must be at most 50 at line 17, column 15 (and 1 more)`;
        res.writeHead(422, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'CP_ERR_VALIDATION', message, details: { ...fields[0], fields } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('names the file, its line and column for each field (apply, diff, analyze --server)', async () => {
    const dir = join(scratch, 'refused');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.yaml'), svc('reviews'));
    writeFileSync(join(dir, 'b.yaml'), vs);
    const files = ['-f', join(dir, 'a.yaml'), '-f', join(dir, 'b.yaml')];
    const b = join(dir, 'b.yaml');
    for (const argv of [['apply'], ['diff'], ['analyze']]) {
      const run = await runCli([...argv, ...files, '--server', url, '--token', 't']);
      expect(run.stderr, argv[0]).toBe(
        [
          `Error from server (CP_ERR_VALIDATION): ${b}:9:15: VirtualService reviews: spec.http[0].route[0].weight: must be at most 50 (and 1 more)`,
          `  ${b}:9:15: spec.http[0].route[0].weight: must be at most 50`,
          `  ${b}:5:11: spec.hosts[0]: must be a FQDN`,
          '',
        ].join('\n'),
      );
      expect(run.code, argv[0]).not.toBe(0);
    }
    // The positions the fake server gave are the joined body's.
    expect(bodies[0]?.split('\n')[16]).toBe('      weight: 100');
    expect(bodies[0]?.split('\n')[12]).toBe('  hosts: [reviews]');
  });
});
