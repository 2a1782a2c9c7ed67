import { type FlowDifference, REDACTED } from '@shadowmesh/api';
import { headerRows } from './headerRows';
import { IGNORED_TEXT } from './ignoredReason';

interface HeaderCompareProps {
  title: string;
  primary: Record<string, string> | undefined;
  shadow: Record<string, string> | undefined;
  /** The comparison's differences (header ones are used). */
  differences?: readonly FlowDifference[];
  shadowLabel: string;
}

function Value({ value, redacted }: { value: string | undefined; redacted: boolean }) {
  if (value === undefined) return <span className="muted">absent</span>;
  if (redacted)
    return (
      <span className="redacted" title={`Redacted by the proxy (${REDACTED})`}>
        redacted
      </span>
    );
  return <>{value}</>;
}

/** Headers of both answers by name; counted differences highlighted, ignored ones greyed with why. */
export function HeaderCompare({ title, primary, shadow, differences = [], shadowLabel }: HeaderCompareProps) {
  const rows = headerRows(primary, shadow, differences);
  const single = shadow === undefined;
  return (
    <table className="data-table header-compare" aria-label={title}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">Header</th>
          <th scope="col">Primary</th>
          {!single && <th scope="col">{shadowLabel}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={row.name}
            className={single ? undefined : `header-${row.state}`}
            data-testid="header-row"
            data-state={single ? 'same' : row.state}
          >
            <th scope="row">
              {row.name}
              {row.because && <div className="small muted">{IGNORED_TEXT[row.because]}</div>}
            </th>
            <td>
              <Value value={row.primary} redacted={row.primaryRedacted} />
            </td>
            {!single && (
              <td>
                <Value value={row.shadow} redacted={row.shadowRedacted} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
