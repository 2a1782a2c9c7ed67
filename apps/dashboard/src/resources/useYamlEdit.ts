import type { MeshResource } from '@shadowmesh/api';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { parse } from 'yaml';
import { ApiError } from '../api/ApiError';
import type { ObjectRef } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import { useReplaceResource } from '../api/useResourceMutations';
import { placeMessages } from './diagnostics';
import { dedupeMessages, errorMessages, type FieldMessage } from './fieldMessages';
import { isJsonObject } from './jsonValue';
import { rebase } from './rebase';
import { useDraftAnalysis } from './useDraftAnalysis';
import { resourceYaml, storedForm, withoutServerFields } from './yamlText';

interface EditState {
  base: MeshResource;
  text: string;
}

/** Parses the editor text into an object; the error names the line when the YAML is malformed. */
export function parseEdited(text: string): { object: Record<string, unknown> } | { error: string } {
  try {
    const value: unknown = parse(text);
    if (!isJsonObject(value))
      return { error: 'The YAML must be one object (apiVersion, kind, metadata, spec).' };
    return { object: value };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Editing one object as YAML: the text, the server's verdict on it while typing (dry-run analysis),
 * Save as a PUT carrying the resourceVersion it started from, and the 409 conflict.
 */
export function useYamlEdit(server: MeshResource, ref: ObjectRef) {
  const [state, setState] = useState<EditState>(() => ({ base: server, text: resourceYaml(server) }));
  const [conflict, setConflict] = useState<MeshResource | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const sentText = useRef<string | null>(null);
  const replace = useReplaceResource();
  const client = useQueryClient();
  const pristine = resourceYaml(state.base);
  const dirty = state.text !== pristine;

  useEffect(() => {
    const rv = server.metadata.resourceVersion;
    if (
      !dirty &&
      rv !== state.base.metadata.resourceVersion &&
      Number(rv) > Number(state.base.metadata.resourceVersion)
    ) {
      setState({ base: server, text: resourceYaml(server) });
    }
  }, [server, dirty, state.base]);

  const analysis = useDraftAnalysis(state.text, {
    kind: server.kind,
    namespace: ref.namespace,
    name: ref.name,
  });
  const parsed = useMemo(() => parseEdited(state.text), [state.text]);
  const saveError =
    replace.error instanceof ApiError && sentText.current === state.text ? replace.error : null;
  const messages: FieldMessage[] = useMemo(
    () =>
      dedupeMessages([
        ...(saveError?.invalidInput ? errorMessages(saveError.fieldErrors()) : []),
        ...analysis.messages,
      ]),
    [saveError, analysis.messages],
  );
  const diagnostics = useMemo(() => placeMessages(state.text, messages), [state.text, messages]);

  const save = () => {
    if (!('object' in parsed)) return;
    const metadata = isJsonObject(parsed.object.metadata) ? parsed.object.metadata : {};
    // Written `kind: Gateway` (gateway.networking.k8s.io), stored as `KubernetesGateway`.
    const object = {
      ...storedForm(parsed.object),
      metadata: { ...metadata, resourceVersion: state.base.metadata.resourceVersion },
    };
    sentText.current = state.text;
    setSaved(null);
    replace.mutate(
      { ...ref, object },
      {
        onSuccess: (stored) => {
          setState({ base: stored, text: resourceYaml(stored) });
          setSaved(stored.metadata.resourceVersion ?? '');
        },
        onError: (error) => {
          if (!(error instanceof ApiError && error.conflict && error.current)) return;
          const current = error.current as MeshResource;
          client.setQueryData(queryKeys.resource(ref.plural, ref.namespace, ref.name), current);
          setConflict(current);
        },
      },
    );
  };

  return {
    base: state.base,
    text: state.text,
    setText: (text: string) => setState((s) => ({ ...s, text })),
    dirty,
    pristine,
    parseError: 'error' in parsed ? parsed.error : null,
    messages,
    diagnostics,
    checking: analysis.checking,
    save,
    saving: replace.isPending,
    saveError: saveError && !saveError.conflict && !saveError.invalidInput ? saveError : null,
    saved,
    conflict,
    reapplyOnTop: () => {
      if (conflict && 'object' in parsed) {
        const { merged } = rebase<unknown>(
          withoutServerFields(state.base),
          storedForm(parsed.object),
          withoutServerFields(conflict),
        );
        setState({ base: conflict, text: resourceYaml(merged) });
      }
      setConflict(null);
      replace.reset();
    },
    discardMine: () => {
      if (conflict) setState({ base: conflict, text: resourceYaml(conflict) });
      setConflict(null);
      replace.reset();
    },
    reset: () => {
      setState({ base: server, text: resourceYaml(server) });
      replace.reset();
    },
  };
}
