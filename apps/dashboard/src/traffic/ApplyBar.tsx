import { ErrorNotice } from '../components/ErrorNotice';
import { YamlDiff } from '../components/YamlDiff';
import { resourceYaml } from '../resources/yamlText';
import type { TrafficObject } from './trafficObject';

interface ApplyBarProps {
  base: TrafficObject;
  edited: TrafficObject;
  dirty: boolean;
  applying: boolean;
  checking: boolean;
  errorCount: number;
  applyError: unknown;
  applied: string | null;
  onApply: () => void;
  onReset: () => void;
}

/** The change as a YAML diff, and Apply (a merge PATCH with resourceVersion) or discard. */
export function ApplyBar({
  base,
  edited,
  dirty,
  applying,
  checking,
  errorCount,
  applyError,
  applied,
  onApply,
  onReset,
}: ApplyBarProps) {
  return (
    <section className="apply-bar" aria-labelledby="changes-title">
      <h3 id="changes-title">Changes</h3>
      {dirty ? (
        <YamlDiff before={resourceYaml(base)} after={resourceYaml(edited)} label="Change to apply" />
      ) : (
        <p className="muted">No changes yet: move a slider or add a mirror.</p>
      )}
      <div className="button-row">
        <button type="button" className="primary" disabled={!dirty || applying} onClick={onApply}>
          {applying ? 'Applying…' : 'Apply'}
        </button>
        <button type="button" disabled={!dirty || applying} onClick={onReset}>
          Discard changes
        </button>
        <span className="muted" role="status" data-testid="apply-status">
          {checking
            ? 'Checking with the server…'
            : dirty && errorCount > 0
              ? `The server reports ${errorCount} error${errorCount === 1 ? '' : 's'} (shown on the fields)`
              : applied !== null && !dirty
                ? `Applied (resourceVersion ${applied})`
                : ''}
        </span>
      </div>
      {applyError !== null && applyError !== undefined && <ErrorNotice error={applyError} />}
    </section>
  );
}
