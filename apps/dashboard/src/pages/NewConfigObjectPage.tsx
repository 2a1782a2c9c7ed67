import { KINDS, kindByPlural } from '@shadowmesh/api';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorNotice } from '../components/ErrorNotice';
import { CodeEditor } from '../resources/CodeEditor';
import { countLevels } from '../resources/fieldMessages';
import { kindLabel } from '../resources/kindLabel';
import { newObjectTemplate } from '../resources/newObjectTemplate';
import { useYamlCreate } from '../resources/useYamlCreate';
import { configObjectPath } from '../services/servicePath';

const DEFAULT_PLURAL = 'httproutes';

/**
 * `/config/new?kind={plural}&namespace={ns}`: a new object written as YAML from a template of its kind,
 * checked by the server while typing, created with a POST to its collection, then opened.
 */
export function NewConfigObjectPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const info = kindByPlural(params.get('kind') ?? DEFAULT_PLURAL) ?? KINDS[0]!;
  const namespace = params.get('namespace') || 'default';
  const template = newObjectTemplate(info, namespace);
  const [text, setText] = useState(template);
  const created = useYamlCreate(text);
  const counts = countLevels(created.messages);
  return (
    <section className="page config-object-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/config">Config</Link> /
      </nav>
      <h1>New object</h1>
      <label>
        Kind{' '}
        <select
          value={info.plural}
          onChange={(event) => {
            const next = kindByPlural(event.target.value);
            if (!next) return;
            // The template follows the kind until the text is edited.
            if (text === template) setText(newObjectTemplate(next, namespace));
            setParams({ kind: next.plural, namespace }, { replace: true });
          }}
        >
          {KINDS.map((k) => (
            <option key={k.plural} value={k.plural}>
              {kindLabel(k)}
            </option>
          ))}
        </select>
      </label>
      <CodeEditor
        label="YAML of the new object"
        value={text}
        onChange={setText}
        diagnostics={created.diagnostics}
        testId="yaml-editor"
      />
      <p className="muted" role="status" data-testid="editor-status">
        {created.parseError
          ? `YAML error: ${created.parseError}`
          : created.checking
            ? 'Checking with the server…'
            : counts.error + counts.warning + counts.info === 0
              ? 'The server finds nothing wrong.'
              : `The server reports ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} note(s): see the marks in the editor.`}
      </p>
      {created.messages.length > 0 && (
        <ul className="field-messages" aria-label="Validation">
          {created.messages.map((m) => (
            <li key={`${m.level}|${m.field ?? ''}|${m.message}`} className={`field-message ${m.level}`}>
              {m.code && <code>{m.code}</code>} {m.field && <code className="muted">{m.field}</code>}{' '}
              {m.message}
            </li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button
          type="button"
          className="primary"
          disabled={created.creating || created.parseError !== null || counts.error > 0}
          onClick={() =>
            created.create((object) =>
              navigate(
                configObjectPath(
                  created.target?.plural ?? info.plural,
                  object.metadata.namespace ?? 'default',
                  object.metadata.name,
                ),
              ),
            )
          }
        >
          {created.creating ? 'Creating…' : 'Create'}
        </button>
      </div>
      {created.createError && <ErrorNotice error={created.createError} />}
    </section>
  );
}
