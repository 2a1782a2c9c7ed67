// Validates one object for a REST write (schema + istiod's webhook rules via @shadowmesh/api) and
// turns refusals into CP_ERR_VALIDATION naming every bad field.
import { type FieldError, type Finding, type MeshResource, validateResource } from '@shadowmesh/api';
import { cpError } from '../../errors.js';

export interface ValidObject {
  resource: MeshResource;
  warnings: Finding[];
}

export function validateObject(body: unknown, defaultNamespace: string): ValidObject {
  const result = validateResource(body, { defaultNamespace });
  if (!result.ok) throw validationError(result.errors);
  return { resource: result.resource, warnings: result.warnings };
}

export function validationError(errors: readonly FieldError[], prefix = ''): Error {
  const first = errors[0] ?? { field: '(root)', message: 'is invalid' };
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return cpError('CP_ERR_VALIDATION', `${prefix}${first.field}: ${first.message}${more}`, {
    field: first.field,
    ...(first.document !== undefined ? { document: first.document } : {}),
    fields: [...errors],
  });
}
