// kubectl-style tables: upper-case headers, left-aligned columns three spaces apart, no trailing blanks.

const GAP = '   ';

/** Renders rows under headers; cells are padded to the widest cell of their column. Ends with a newline. */
export function formatTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    headers
      .map((_, i) => {
        const cell = cells[i] ?? '';
        return i === headers.length - 1 ? cell : cell + ' '.repeat(widths[i]! - width(cell));
      })
      .join(GAP)
      .trimEnd();
  return `${[line(headers), ...rows.map(line)].join('\n')}\n`;
}

/** Display width: code points, so `✔` or `é` count as one column. */
function width(text: string): number {
  return [...text].length;
}

/** kubectl prints `<none>` for an empty cell. */
export function orNone(text: string | undefined | null): string {
  return text === undefined || text === null || text === '' ? '<none>' : text;
}
