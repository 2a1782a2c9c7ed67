// Malformed YAML as field errors that name the place (1-based line and column), as a compiler would.
import { type Document, isScalar, type LineCounter, visit, type YAMLError } from 'yaml';
import type { ManifestFieldError } from './parsed-manifest.js';

/** The document's syntax errors, one line each; an unclosed quote points at the quote that opens it. */
export function yamlSyntaxErrors(
  doc: Document.Parsed,
  lineCounter: LineCounter,
  document: number,
): ManifestFieldError[] {
  return doc.errors.map((e) => {
    const message = (e.message.split('\n')[0] ?? e.message).replace(/:\s*$/, '');
    const opening = unclosedQuoteStart(doc, e);
    if (opening === undefined) {
      return { field: '(yaml)', message, document, line: e.linePos?.[0].line, column: e.linePos?.[0].col };
    }
    // The library reports the end of the input, where the string ran out; the user wants where it began.
    const { line, col } = lineCounter.linePos(opening);
    const where = ` at line ${line}, column ${col}`;
    return {
      field: '(yaml)',
      message: message.replace(/ at line \d+, column \d+$/, where),
      document,
      line,
      column: col,
    };
  });
}

/** The alias limit (or any other failure to build the value) at the first alias, else the document start. */
export function yamlValueError(
  doc: Document.Parsed,
  lineCounter: LineCounter,
  document: number,
  err: unknown,
): ManifestFieldError {
  let offset = doc.contents?.range[0] ?? doc.range[0];
  visit(doc, {
    Alias(_, node) {
      if (node.range) offset = node.range[0];
      return visit.BREAK;
    },
  });
  const { line, col } = lineCounter.linePos(offset);
  const message = err instanceof Error ? err.message : String(err);
  return {
    field: '(yaml)',
    message: `${message} at line ${line}, column ${col}`,
    document,
    line,
    column: col,
  };
}

function unclosedQuoteStart(doc: Document.Parsed, e: YAMLError): number | undefined {
  if (e.code !== 'MISSING_CHAR' || !/quote/.test(e.message)) return undefined;
  let start: number | undefined;
  visit(doc, {
    Scalar(_, node) {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      if (quoted && isScalar(node) && node.range?.[1] === e.pos[0]) {
        start = node.range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return start;
}
