// `get -o yaml|json` and `export`: YAML and JSON laid out as kubectl prints them (cleaning is toIstioManifest's).
import { stringify } from 'yaml';

/** One YAML document (ends with a newline, no `---`), laid out as kubectl does; long strings are never folded. */
export function toYamlDocument(value: unknown): string {
  return stringify(value, { lineWidth: 0, minContentWidth: 0, indentSeq: false });
}

/** Several objects as multi-document YAML (`---` between documents), which both apply and kubectl read. */
export function toYamlDocuments(values: readonly unknown[]): string {
  return values.map(toYamlDocument).join('---\n');
}

/** JSON as kubectl prints it: one object, or a `v1` `List` of items when several (or none) were asked for. */
export function toJsonOutput(values: readonly unknown[], single: boolean): string {
  const value = single && values.length === 1 ? values[0] : { apiVersion: 'v1', kind: 'List', items: values };
  return `${JSON.stringify(value, null, 4)}\n`;
}
