import type { Finding } from '@shadowmesh/api';

/** Analysis findings of one object: level, code, field and message. */
export function FindingsList({ findings }: { findings: readonly Finding[] }) {
  if (findings.length === 0) return <p className="muted">No findings: the analysis has nothing to say.</p>;
  return (
    <ul className="findings" aria-label="Findings">
      {findings.map((f) => (
        <li key={`${f.code}|${f.field ?? ''}|${f.message}`} className={`field-message ${f.level}`}>
          <code>{f.code}</code> {f.field && <code className="muted">{f.field}</code>} {f.message}
        </li>
      ))}
    </ul>
  );
}
