import { kindInfo, type MeshResource, manifestMeshKind } from '@shadowmesh/api';
import { useMemo, useRef } from 'react';
import { ApiError } from '../api/ApiError';
import { useCreateResource } from '../api/useResourceMutations';
import { placeMessages } from './diagnostics';
import { dedupeMessages, errorMessages, type FieldMessage } from './fieldMessages';
import { isJsonObject } from './jsonValue';
import { useDraftAnalysis } from './useDraftAnalysis';
import { parseEdited } from './useYamlEdit';
import { storedForm } from './yamlText';

/** Where a parsed new object goes: its kind's collection in its namespace (null until it names both). */
export function createTarget(
  object: Record<string, unknown>,
): { plural: string; namespace: string; name: string; kind: string } | null {
  const { kind, apiVersion } = object;
  if (typeof kind !== 'string' || typeof apiVersion !== 'string') return null;
  const meshKind = manifestMeshKind(kind, apiVersion);
  if (!meshKind) return null;
  const metadata = isJsonObject(object.metadata) ? object.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  const namespace =
    typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : 'default';
  return { plural: kindInfo(meshKind).plural, namespace, name, kind: meshKind };
}

/**
 * Creating one object from YAML: the server's verdict while typing (dry-run analysis, as the editor of a
 * stored object has it) and Create as a POST to the kind's collection.
 */
export function useYamlCreate(text: string) {
  const create = useCreateResource();
  const sentText = useRef<string | null>(null);
  const parsed = useMemo(() => parseEdited(text), [text]);
  const target = 'object' in parsed ? createTarget(parsed.object) : null;
  const analysis = useDraftAnalysis(text, {
    kind: target?.kind ?? '',
    namespace: target?.namespace ?? '',
    name: target?.name ?? '',
  });
  const createError = create.error instanceof ApiError && sentText.current === text ? create.error : null;
  const messages: FieldMessage[] = useMemo(
    () =>
      dedupeMessages([
        ...(createError?.invalidInput ? errorMessages(createError.fieldErrors()) : []),
        ...analysis.messages,
      ]),
    [createError, analysis.messages],
  );
  const diagnostics = useMemo(() => placeMessages(text, messages), [text, messages]);
  return {
    parseError:
      'error' in parsed ? parsed.error : target ? null : 'kind and apiVersion must name a managed kind',
    target,
    messages,
    diagnostics,
    checking: analysis.checking,
    creating: create.isPending,
    createError: createError && !createError.invalidInput ? createError : null,
    create: (onCreated: (object: MeshResource) => void) => {
      if (!('object' in parsed) || !target) return;
      sentText.current = text;
      create.mutate(
        { plural: target.plural, namespace: target.namespace, object: storedForm(parsed.object) },
        { onSuccess: onCreated },
      );
    },
  };
}
