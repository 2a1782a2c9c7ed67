// Hostile manifests for the fuzz targets: the repo's tutorials (what users paste) mutated field by field,
// YAML-ish text built from the tokens that matter to the parser, and character-level damage to real text.
import fc from 'fast-check';
import { parseAllDocuments, stringify } from 'yaml';
import { PROTOTYPE_KEYS } from './schema-arbitrary.js';

// Loaded as text by Vite, so the package stays free of node:.
const FILES = import.meta.glob('../../../../tutorials/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/**
 * The Gateway API's own examples (gateway-api-examples/: HTTPRoutes and Gateways as the upstream docs and
 * the GAMMA conformance tests write them), as text by file path.
 */
export const GATEWAY_API_EXAMPLE_TEXTS: Readonly<Record<string, string>> = import.meta.glob(
  './gateway-api-examples/*.yaml',
  { query: '?raw', import: 'default', eager: true },
);

/** The tutorials' YAML files, as text. */
export const TUTORIAL_TEXTS: readonly string[] = Object.values(FILES);

function objectsOf(texts: readonly string[]): unknown[] {
  return texts.flatMap((text) =>
    parseAllDocuments(text).flatMap((d) => (Array.isArray(d) ? [] : [d.toJS() as unknown])),
  );
}

/** Every document of every tutorial, as plain data (what kubectl would send as JSON). */
export const TUTORIAL_OBJECTS: readonly unknown[] = objectsOf(TUTORIAL_TEXTS);

/** Every document of the Gateway API examples, as plain data. */
export const GATEWAY_API_OBJECTS: readonly unknown[] = objectsOf(Object.values(GATEWAY_API_EXAMPLE_TEXTS));

type Path = (string | number)[];

/** A deep copy of JSON data (own `__proto__` keys stay own keys). */
function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value) ?? 'null') as T;
}
type Container = Record<string, unknown> | unknown[];

function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null;
}

/** Every path in `value` (the root is `[]`). */
function pathsOf(value: unknown): Path[] {
  const out: Path[] = [[]];
  const stack: [unknown, Path][] = [[value, []]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [v, path] = top;
    if (!isContainer(v)) continue;
    for (const [k, child] of Object.entries(v)) {
      const p = [...path, Array.isArray(v) ? Number(k) : k];
      out.push(p);
      stack.push([child, p]);
    }
  }
  return out;
}

export const HOSTILE_VALUES = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    1e308,
    -1,
    0,
    2 ** 53 + 1,
    65_536,
    -0.5,
    '',
    '-',
    '*',
    '..',
    'UPPER',
    '\u0000',
    '\r\n',
    'a b',
  ),
  fc.integer({ min: 1, max: 70_000 }).map((n) => 'x'.repeat(n)),
);

type Operation = 'delete' | 'replace' | 'retype' | 'duplicate' | 'addKey' | 'deepen';
const OPERATIONS: readonly Operation[] = ['delete', 'replace', 'retype', 'duplicate', 'addKey', 'deepen'];

function retype(v: unknown): unknown {
  if (typeof v === 'string') return Number.isNaN(Number(v)) ? [v] : Number(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 0;
  if (Array.isArray(v)) return Object.fromEntries(v.map((x, i) => [String(i), x]));
  if (isContainer(v)) return Object.values(v);
  return {};
}

interface Mutation {
  at: number;
  operation: Operation;
  value: unknown;
  key: string;
  times: number;
}

function mutate(root: unknown, m: Mutation): unknown {
  const paths = pathsOf(root);
  const path = paths[m.at % paths.length] ?? [];
  const parent = path.slice(0, -1).reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], root);
  const last = path[path.length - 1];
  const current = last === undefined ? root : (parent as Record<string, unknown>)[last];
  let next: unknown = current;
  switch (m.operation) {
    case 'delete':
      if (last === undefined) return {};
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete (parent as Record<string, unknown>)[last];
      return root;
    case 'replace':
      next = m.value;
      break;
    case 'retype':
      next = retype(current);
      break;
    case 'duplicate':
      if (Array.isArray(current)) next = [...current, ...current];
      else if (isContainer(current)) next = { ...current, [`${m.key}2`]: copy(current) };
      break;
    case 'addKey':
      if (Array.isArray(current)) next = [...current, m.value];
      // defineProperty: an own `__proto__` key, as JSON.parse makes it.
      else if (isContainer(current))
        Object.defineProperty(current, m.key, {
          value: m.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      break;
    case 'deepen':
      for (let i = 0; i < m.times; i++) next = i % 2 === 0 ? [next] : { [m.key]: next };
      break;
  }
  if (last === undefined) return next;
  (parent as Record<string, unknown>)[last] = next;
  return root;
}

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  operation: fc.constantFrom(...OPERATIONS),
  value: HOSTILE_VALUES,
  key: fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS, 'spec', 'name', 'x'), fc.string({ maxLength: 6 })),
  times: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 95, max: 130 })),
});

/**
 * A value of `base` with one to four mutations, each at a random place: a key deleted, a value replaced or
 * retyped, a list or object duplicated, a key added (`__proto__` included), or the value nested deeper.
 */
export function mutatedValue(base: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(base, fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }))
    .map(([value, mutations]) => mutations.reduce((v, m) => mutate(v, m), copy(value)));
}

/** A tutorial object with one to four mutations. */
export const mutatedTutorialObject: fc.Arbitrary<unknown> = mutatedValue(
  fc.constantFrom(...TUTORIAL_OBJECTS),
);

/** A tutorial object or a Gateway API example (HTTPRoute, Gateway) with one to four mutations. */
export const mutatedManifestObject: fc.Arbitrary<unknown> = mutatedValue(
  fc.constantFrom(...TUTORIAL_OBJECTS, ...GATEWAY_API_OBJECTS),
);

/** Tokens that steer the YAML parser: indicators, anchors, tags, directives, document markers. */
const YAML_TOKENS = [
  '- ',
  ': ',
  ':',
  '\n',
  '\r\n',
  '  ',
  '\t',
  '{',
  '}',
  '[',
  ']',
  ', ',
  '&a ',
  '*a',
  '&b ',
  '*b',
  '<<: *a',
  '!!str ',
  '!!binary ',
  '!!map ',
  '!custom ',
  '? ',
  '| ',
  '|-\n',
  '> ',
  '"',
  "'",
  '\\',
  '# c',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  '%TAG ! tag:x,1:\n',
  'kind: ',
  'apiVersion: ',
  'metadata:\n  name: a\n',
  'spec:\n',
  'v1',
  'Service',
  'networking.istio.io/v1',
  'VirtualService',
  'List',
  'items:\n',
  'null',
  '~',
  'true',
  '0x1F',
  '1e999',
  '.inf',
  '\u0000',
  '\ufeff',
  '\u2028',
  '\ud800',
];

/** YAML-ish text: parser tokens and arbitrary strings, concatenated. */
export const yamlishText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...YAML_TOKENS) },
      { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
    ),
    {
      maxLength: 60,
    },
  )
  .map((parts) => parts.join(''));

/** Real manifest text damaged: characters inserted, removed or duplicated at random places. */
export const damagedTutorialText: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(...TUTORIAL_TEXTS),
      mutatedTutorialObject.map((o) => stringify(o)),
    ),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 20 }), fc.constantFrom('', ...YAML_TOKENS)), { maxLength: 4 }),
  )
  .map(([text, edits]) =>
    edits.reduce((t, [at, remove, insert]) => {
      const i = at % (t.length + 1);
      return t.slice(0, i) + insert + t.slice(i + remove);
    }, text),
  );
