// Small pieces the route plugins share: path-parameter schemas, kind lookup, warnings, dryRun.
import {
  type Finding,
  type KindInfo,
  kindByPlural,
  MAX_NESTING_DEPTH,
  nestingTooDeep,
} from '@shadowmesh/api';
import type { FastifyReply } from 'fastify';
import { cpError } from '../errors.js';
import { validationError } from '../services/config/validate-object.js';

export const NAMESPACE_SCHEMA = {
  type: 'string',
  pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
  maxLength: 63,
} as const;
export const NAME_SCHEMA = {
  type: 'string',
  pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$',
  maxLength: 253,
} as const;
export const DRY_RUN_SCHEMA = { type: 'string', enum: ['true', 'false', 'All'] } as const;

export function isDryRun(value: string | undefined): boolean {
  return value === 'true' || value === 'All';
}

export function kindOfPlural(plural: string): KindInfo {
  const info = kindByPlural(plural);
  if (!info) {
    throw cpError('CP_ERR_UNKNOWN_RESOURCE_TYPE', `unknown resource type "${plural}"`, {
      field: 'params.plural',
      plural,
    });
  }
  return info;
}

const MAX_WARNING_HEADERS = 20;

/** Findings as Kubernetes-style `Warning: 299 - "…"` headers (the JSON body stays the object). */
export function setWarningHeaders(reply: FastifyReply, warnings: readonly Finding[]): void {
  if (warnings.length === 0) return;
  const values = warnings.slice(0, MAX_WARNING_HEADERS).map((w) => {
    const text = `${w.level} ${w.code} ${w.resource.kind} ${w.resource.namespace}/${w.resource.name}${w.field ? ` ${w.field}` : ''}: ${w.message}`;
    return `299 - ${JSON.stringify(text.replace(/[^\x20-\x7e]/g, '?'))}`;
  });
  reply.header('warning', values);
}

/**
 * Refuses a JSON body nested deeper than any resource (422, naming the field) before recursive code such as
 * the merge patch walks it: 10,000 levels of `[` would overflow the stack (a 500).
 */
export function rejectDeepBody(body: unknown): void {
  const field = nestingTooDeep(body);
  if (field === null) return;
  throw validationError([
    { field, message: `nests deeper than ${MAX_NESTING_DEPTH} levels of objects and lists` },
  ]);
}
