import { useMemo } from 'react';
import { Link } from 'react-router';
import { FieldMessages } from '../components/FieldMessages';
import { ConflictView } from '../resources/ConflictView';
import { countLevels } from '../resources/fieldMessages';
import { RebaseNotice } from '../resources/RebaseNotice';
import type { ServiceSummary } from '../services/serviceIndex';
import { configObjectPath } from '../services/servicePath';
import { ApplyBar } from './ApplyBar';
import { destinationChoices } from './destinationChoices';
import { messagesByField } from './editorFields';
import { RouteEditor } from './RouteEditor';
import { routeLocks } from './trafficEditorState';
import { editorRoutes, type TrafficObject, trafficPlural } from './trafficObject';
import { useTrafficEditor } from './useTrafficEditor';

interface TrafficEditorProps {
  /** A VirtualService or a Gateway API HTTPRoute. */
  object: TrafficObject;
  service: ServiceSummary;
  services: readonly ServiceSummary[];
}

/**
 * Weights and mirrors of a VirtualService's HTTP routes or of a Gateway API HTTPRoute's rules (backendRef
 * weights, RequestMirror filters), with a diff, Apply, and conflict handling.
 */
export function TrafficEditor({ object, service, services }: TrafficEditorProps) {
  const editor = useTrafficEditor(object);
  const { state, dispatch, fieldOf } = editor;
  const byField = useMemo(() => messagesByField(editor.messages, fieldOf), [editor.messages, fieldOf]);
  const namespace = state.edited.metadata.namespace ?? 'default';
  const name = state.edited.metadata.name;
  const kind = state.edited.kind;
  const routes = editorRoutes(state.edited);
  const choices = useMemo(
    () => destinationChoices(kind, service, services, namespace),
    [kind, service, services, namespace],
  );
  return (
    <section className="traffic-editor" aria-labelledby="traffic-title" data-testid="traffic-editor">
      <h2 id="traffic-title">
        Traffic{' '}
        <span className="muted">
          — {kind} <Link to={configObjectPath(trafficPlural(state.edited), namespace, name)}>{name}</Link>
        </span>
      </h2>
      {editor.conflict && (
        <ConflictView
          base={state.base}
          theirs={editor.conflict}
          onReapply={editor.reapplyOnTop}
          onDiscard={editor.discardMine}
        />
      )}
      {state.rebased && editor.dirty && (
        <RebaseNotice overlapping={state.rebased.overlapping} dropped={state.rebased.dropped} />
      )}
      <FieldMessages id="traffic-general-messages" messages={byField.get('general')} />
      {routes.length === 0 && (
        <p className="muted">
          {kind === 'HTTPRoute' ? 'This HTTPRoute has no rules.' : 'This VirtualService has no HTTP routes.'}
        </p>
      )}
      {routes.map((route, index) => (
        <RouteEditor
          // Routes are positional (first match wins; an HTTPRoute's rules are addressed by index too).
          // biome-ignore lint/suspicious/noArrayIndexKey: spec.http[i] / spec.rules[i] is addressed by position.
          key={index}
          route={route}
          index={index}
          locks={routeLocks(state, index)}
          service={service}
          choices={choices}
          noun={kind === 'HTTPRoute' ? 'Rule' : 'Route'}
          namespace={namespace}
          byField={byField}
          dispatch={dispatch}
        />
      ))}
      <ApplyBar
        base={state.base}
        edited={state.edited}
        dirty={editor.dirty}
        applying={editor.applying}
        checking={editor.checking}
        errorCount={countLevels(editor.messages).error}
        applyError={editor.applyError}
        applied={editor.applied}
        onApply={editor.apply}
        onReset={editor.reset}
      />
    </section>
  );
}
