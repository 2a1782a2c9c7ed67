interface NamespacePickerProps {
  /** Every namespace known (from the config and the graph). */
  options: readonly string[];
  /** Chosen ones; empty means all. */
  value: readonly string[];
  onChange(namespaces: string[]): void;
}

/** A drop-down of namespace checkboxes; none checked shows every namespace. */
export function NamespacePicker({ options, value, onChange }: NamespacePickerProps) {
  const all = [...new Set([...options, ...value])].sort();
  const toggle = (namespace: string, checked: boolean) => {
    const next = checked ? [...value, namespace] : value.filter((n) => n !== namespace);
    onChange([...new Set(next)].sort());
  };
  return (
    <details className="namespace-picker">
      <summary>Namespaces: {value.length === 0 ? 'all' : value.join(', ')}</summary>
      <fieldset>
        <legend className="visually-hidden">Namespaces to show</legend>
        {all.length === 0 && <p className="muted small">No namespace has services yet.</p>}
        {all.map((namespace) => (
          <label key={namespace} className="namespace-option">
            <input
              type="checkbox"
              checked={value.includes(namespace)}
              onChange={(event) => toggle(namespace, event.target.checked)}
            />{' '}
            {namespace}
          </label>
        ))}
        {value.length > 0 && (
          <button type="button" className="link-button" onClick={() => onChange([])}>
            Show all namespaces
          </button>
        )}
      </fieldset>
    </details>
  );
}
