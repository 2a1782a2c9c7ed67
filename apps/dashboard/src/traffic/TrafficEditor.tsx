import type { VirtualService } from '@shadowmesh/api';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { FieldMessages } from '../components/FieldMessages';
import { ConflictView } from '../resources/ConflictView';
import { countLevels } from '../resources/fieldMessages';
import { RebaseNotice } from '../resources/RebaseNotice';
import type { ServiceSummary } from '../services/serviceIndex';
import { ApplyBar } from './ApplyBar';
import { messagesByField } from './editorFields';
import { RouteEditor } from './RouteEditor';
import { routeLocks } from './trafficEditorState';
import { useTrafficEditor } from './useTrafficEditor';

interface TrafficEditorProps {
  virtualService: VirtualService;
  service: ServiceSummary;
  services: readonly ServiceSummary[];
}

/** Weights and mirrors of a VirtualService's HTTP routes, with a diff, Apply, and conflict handling. */
export function TrafficEditor({ virtualService, service, services }: TrafficEditorProps) {
  const editor = useTrafficEditor(virtualService);
  const { state, dispatch } = editor;
  const byField = useMemo(() => messagesByField(editor.messages), [editor.messages]);
  const namespace = state.edited.metadata.namespace ?? 'default';
  const name = state.edited.metadata.name;
  const routes = state.edited.spec.http ?? [];
  return (
    <section className="traffic-editor" aria-labelledby="traffic-title" data-testid="traffic-editor">
      <h2 id="traffic-title">
        Traffic{' '}
        <span className="muted">
          — VirtualService <Link to={`/config/virtualservices/${namespace}/${name}`}>{name}</Link>
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
      {routes.length === 0 && <p className="muted">This VirtualService has no HTTP routes.</p>}
      {routes.map((route, index) => (
        <RouteEditor
          // Routes are positional in Istio (first match wins): the index is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: spec.http[i] is addressed by position.
          key={index}
          route={route}
          index={index}
          locks={routeLocks(state, index)}
          service={service}
          services={services}
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
