import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { ApiError } from '../api/ApiError';
import { queryKeys } from '../api/queryKeys';
import { usePatchResource } from '../api/useResourceMutations';
import { dedupeMessages, errorMessages, type FieldMessage } from '../resources/fieldMessages';
import { jsonEqual } from '../resources/jsonValue';
import { preconditionedPatch } from '../resources/mergePatch';
import { useDraftAnalysis } from '../resources/useDraftAnalysis';
import { initialTrafficState, trafficReducer } from './trafficEditorState';
import { type TrafficObject, trafficFieldOf, trafficPlural } from './trafficObject';

/**
 * The traffic editor of one VirtualService or Gateway API HTTPRoute: edits (a reducer over the whole
 * object), the server's verdict on them (dry-run analysis), Apply as a merge PATCH with resourceVersion,
 * and the conflict when someone else changed the object meanwhile.
 */
export function useTrafficEditor<T extends TrafficObject>(server: T) {
  const [state, dispatch] = useReducer(trafficReducer<T>, server, initialTrafficState<T>);
  const [conflict, setConflict] = useState<T | null>(null);
  const [applied, setApplied] = useState<string | null>(null);
  const sent = useRef<T | null>(null);
  const patch = usePatchResource();
  const client = useQueryClient();
  const dirty = !jsonEqual(state.base, state.edited);
  const namespace = server.metadata.namespace ?? 'default';
  const name = server.metadata.name;
  const plural = trafficPlural(server);

  // Follow the server while there is nothing of ours to lose (never back to an older copy from a cache).
  useEffect(() => {
    if (!dirty && isNewer(server.metadata.resourceVersion, state.base.metadata.resourceVersion)) {
      dispatch({ type: 'reset', base: server });
    }
  }, [server, dirty, state.base]);

  const analysis = useDraftAnalysis(state.edited, { kind: server.kind, namespace, name });
  const applyError = patch.error instanceof ApiError && sent.current === state.edited ? patch.error : null;
  // Invalid input names its fields; they show the message (a 401 or a conflict has its own view).
  const refusedFields = useMemo(
    () => (applyError?.invalidInput ? errorMessages(applyError.fieldErrors()) : []),
    [applyError],
  );
  const messages: FieldMessage[] = useMemo(
    () => dedupeMessages([...refusedFields, ...analysis.messages]),
    [refusedFields, analysis.messages],
  );

  const fieldOf = useCallback(
    (path: string | undefined) => trafficFieldOf(state.edited, path),
    [state.edited],
  );

  const apply = () => {
    sent.current = state.edited;
    setApplied(null);
    patch.mutate(
      { plural, namespace, name, patch: preconditionedPatch(state.base, state.edited) },
      {
        onSuccess: (object) => {
          dispatch({ type: 'reset', base: object as T });
          setApplied(object.metadata.resourceVersion ?? '');
        },
        onError: (error) => {
          if (!(error instanceof ApiError && error.conflict && error.current)) return;
          const current = error.current as T;
          // The cache learns the server's copy too, so every view of this object shows it.
          client.setQueryData(queryKeys.resource(plural, namespace, name), current);
          void client.invalidateQueries({ queryKey: queryKeys.resources });
          setConflict(current);
        },
      },
    );
  };

  return {
    state,
    dispatch,
    dirty,
    messages,
    /** The editor input a server field path concerns (an HTTPRoute's mirror filters are counted in the draft). */
    fieldOf,
    checking: analysis.checking,
    apply,
    applying: patch.isPending,
    /**
     * The last Apply failed for a reason the fields do not show: not a conflict (the conflict view), not a
     * validation error (shown on the fields it names).
     */
    applyError: applyError && !applyError.conflict && refusedFields.length === 0 ? applyError : null,
    /** resourceVersion of the last successful Apply. */
    applied,
    /** The server's newer object after a 409; null when there is no conflict to resolve. */
    conflict,
    reapplyOnTop: () => {
      if (conflict) dispatch({ type: 'rebase', theirs: conflict });
      setConflict(null);
      patch.reset();
    },
    discardMine: () => {
      if (conflict) dispatch({ type: 'reset', base: conflict });
      setConflict(null);
      patch.reset();
    },
    reset: () => {
      dispatch({ type: 'reset', base: server });
      patch.reset();
    },
  };
}

export type TrafficEditorModel = ReturnType<typeof useTrafficEditor<TrafficObject>>;

/** resourceVersions are store revisions: larger is newer. Unparseable ones count as different = newer. */
function isNewer(candidate: string | undefined, current: string | undefined): boolean {
  if (candidate === current) return false;
  const a = Number(candidate);
  const b = Number(current);
  return Number.isFinite(a) && Number.isFinite(b) ? a > b : true;
}
