// The fields every Gateway API object reference shares (ParentReference, BackendObjectReference): the
// formats of group and kind, then of name, namespace and port. What a reference may point at is the caller's.
import { checkGroup, checkKind, checkObjectName } from './gateway-api-names.js';
import { checkDns1123Label, checkPortNumber } from './names.js';
import type { RuleContext } from './rule-context.js';

/** `group` and `kind`, when given, in the CRD's formats. */
export function checkRefGroupKind(
  ctx: RuleContext,
  base: string,
  ref: { group?: string; kind?: string },
): void {
  if (ref.group !== undefined) {
    const e = checkGroup(ref.group);
    if (e) ctx.error(`${base}.group`, e);
  }
  if (ref.kind !== undefined) {
    const e = checkKind(ref.kind);
    if (e) ctx.error(`${base}.kind`, e);
  }
}

/** `name`, and `namespace` and `port` when given. */
export function checkRefTarget(
  ctx: RuleContext,
  base: string,
  ref: { name: string; namespace?: string; port?: number },
): void {
  const nameError = checkObjectName(ref.name);
  if (nameError) ctx.error(`${base}.name`, nameError);
  if (ref.namespace !== undefined) {
    const e = checkDns1123Label(ref.namespace);
    if (e) ctx.error(`${base}.namespace`, e);
  }
  if (ref.port !== undefined) {
    const e = checkPortNumber(ref.port);
    if (e) ctx.error(`${base}.port`, e);
  }
}
