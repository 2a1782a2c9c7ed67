import { type ObjectStatus, statusText } from './validationStatus';

const ICONS = { valid: '✓', info: 'ℹ', warning: '⚠', error: '✖' } as const;

/** Valid / N warnings / N errors, with every finding in the tooltip. */
export function StatusBadge({ status }: { status: ObjectStatus }) {
  const title = status.findings
    .map((f) => `${f.code} ${f.field ?? ''} ${f.message}`.replace(/\s+/g, ' '))
    .join('\n');
  return (
    <span
      className={`status-badge ${status.state}`}
      title={title || 'No findings'}
      data-testid="validation-status"
    >
      <span aria-hidden="true">{ICONS[status.state]}</span> {statusText(status)}
    </span>
  );
}
