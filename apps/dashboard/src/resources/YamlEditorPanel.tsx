import type { MeshResource } from '@shadowmesh/api';
import type { ObjectRef } from '../api/client';
import { ErrorNotice } from '../components/ErrorNotice';
import { YamlDiff } from '../components/YamlDiff';
import { CodeEditor } from './CodeEditor';
import { ConflictView } from './ConflictView';
import { countLevels } from './fieldMessages';
import { kindLabelOf } from './kindLabel';
import { useYamlEdit } from './useYamlEdit';

interface YamlEditorPanelProps {
  object: MeshResource;
  objectRef: ObjectRef;
}

/** The YAML editor of one object: inline server validation while typing, a diff, Save (PUT), conflicts. */
export function YamlEditorPanel({ object, objectRef }: YamlEditorPanelProps) {
  const edit = useYamlEdit(object, objectRef);
  const counts = countLevels(edit.messages);
  return (
    <section className="yaml-editor-panel" aria-label="Edit YAML">
      {edit.conflict && (
        <ConflictView
          base={edit.base}
          theirs={edit.conflict}
          onReapply={edit.reapplyOnTop}
          onDiscard={edit.discardMine}
        />
      )}
      <CodeEditor
        label={`YAML of ${kindLabelOf(object.kind)} ${objectRef.name}`}
        value={edit.text}
        onChange={edit.setText}
        diagnostics={edit.diagnostics}
        testId="yaml-editor"
      />
      <p className="muted" role="status" data-testid="editor-status">
        {edit.parseError
          ? `YAML error: ${edit.parseError}`
          : edit.checking
            ? 'Checking with the server…'
            : counts.error + counts.warning + counts.info === 0
              ? 'The server finds nothing wrong.'
              : `The server reports ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} note(s): see the marks in the editor.`}
      </p>
      {edit.messages.length > 0 && (
        <ul className="field-messages" aria-label="Validation">
          {edit.messages.map((m) => (
            <li key={`${m.level}|${m.field ?? ''}|${m.message}`} className={`field-message ${m.level}`}>
              {m.code && <code>{m.code}</code>} {m.field && <code className="muted">{m.field}</code>}{' '}
              {m.message}
            </li>
          ))}
        </ul>
      )}
      {edit.dirty && <YamlDiff before={edit.pristine} after={edit.text} label="Your edit" />}
      <div className="button-row">
        <button
          type="button"
          className="primary"
          disabled={!edit.dirty || edit.saving || edit.parseError !== null}
          onClick={edit.save}
        >
          {edit.saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" disabled={!edit.dirty || edit.saving} onClick={edit.reset}>
          Discard changes
        </button>
        {edit.saved !== null && !edit.dirty && (
          <span className="muted" role="status">
            Saved (resourceVersion {edit.saved})
          </span>
        )}
      </div>
      {edit.saveError && <ErrorNotice error={edit.saveError} />}
    </section>
  );
}
