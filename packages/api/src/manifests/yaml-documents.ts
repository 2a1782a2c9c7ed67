// Every YAML read of manifests goes through here. The `yaml` library checks duplicate map keys by comparing
// each key with every earlier one of its map, which is quadratic: a 1 MiB apply body holding one map of
// 29,000 keys held the control plane's event loop for 11.5 s. Here the library's check is off and the same
// check runs with one Set per map, so the cost is linear; the error is the library's own (DUPLICATE_KEY,
// "Map keys must be unique", at the repeated key), placed as the library places its errors.
import {
  type Document,
  type DocumentOptions,
  isScalar,
  LineCounter,
  type ParseOptions,
  parseAllDocuments,
  type SchemaOptions,
  visit,
  YAMLParseError,
} from 'yaml';

export type YamlDocumentsOptions = ParseOptions & DocumentOptions & SchemaOptions;

/** `parseAllDocuments(text, options)`, with duplicate keys found in linear time. */
export function parseYamlDocuments(text: string, options: YamlDocumentsOptions = {}): Document.Parsed[] {
  const docs = parseAllDocuments(text, { ...options, uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [];
  if (options.uniqueKeys === false) return list;
  let lineCounter = options.lineCounter;
  for (const doc of list) {
    const duplicates = duplicateKeyOffsets(doc);
    if (duplicates.length === 0) continue;
    if (lineCounter === undefined) {
      lineCounter = new LineCounter();
      lineCounter.addNewLine(0);
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
    }
    for (const offset of duplicates) doc.errors.push(duplicateKeyError(offset, lineCounter, options));
    doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
  }
  return list;
}

/** Offsets of scalar keys repeating an earlier key of the same map (compared as the library compares). */
function duplicateKeyOffsets(doc: Document.Parsed): number[] {
  const out: number[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        if (seen.has(key.value)) out.push(key.range?.[0] ?? 0);
        else seen.add(key.value);
      }
    },
  });
  return out;
}

function duplicateKeyError(offset: number, lc: LineCounter, options: YamlDocumentsOptions): YAMLParseError {
  const error = new YAMLParseError([offset, offset + 1], 'DUPLICATE_KEY', 'Map keys must be unique');
  const start = lc.linePos(offset);
  error.linePos = [start, lc.linePos(offset + 1)];
  if (options.prettyErrors !== false) error.message += ` at line ${start.line}, column ${start.col}`;
  return error;
}
