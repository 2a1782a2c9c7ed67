import type { MeshResource } from '@shadowmesh/api';
import { YamlDiff } from '../components/YamlDiff';
import { resourceYaml } from './yamlText';

interface ConflictViewProps {
  /** The object as it was when the edit started. */
  base: MeshResource;
  /** The object as the server holds it now. */
  theirs: MeshResource;
  onReapply: () => void;
  onDiscard: () => void;
}

/**
 * A 409: someone changed the object while it was being edited. Shows what changed on the server and lets
 * the user replay their edits on top of it, or drop them. Nothing was overwritten.
 */
export function ConflictView({ base, theirs, onReapply, onDiscard }: ConflictViewProps) {
  const before = base.metadata.resourceVersion ?? '?';
  const after = theirs.metadata.resourceVersion ?? '?';
  return (
    <section
      className="conflict-view"
      role="alert"
      aria-labelledby="conflict-title"
      data-testid="conflict-view"
    >
      <h3 id="conflict-title">Changed on the server</h3>
      <p>
        While you were editing, this {theirs.kind} was changed on the server (resourceVersion {before} →{' '}
        {after}). Your changes were <strong>not</strong> applied. This is what changed on the server:
      </p>
      <YamlDiff
        before={resourceYaml(base)}
        after={resourceYaml(theirs)}
        label="Server changes since you started"
        testId="conflict-diff"
      />
      <div className="button-row">
        <button type="button" className="primary" onClick={onReapply}>
          Reapply my changes on top
        </button>
        <button type="button" onClick={onDiscard}>
          Discard my changes
        </button>
      </div>
    </section>
  );
}
