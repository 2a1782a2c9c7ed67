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
  checkIfGiven(ctx, `${base}.group`, ref.group, checkGroup);
  checkIfGiven(ctx, `${base}.kind`, ref.kind, checkKind);
}

/** `name`, and `namespace` and `port` when given. */
export function checkRefTarget(
  ctx: RuleContext,
  base: string,
  ref: { name: string; namespace?: string; port?: number },
): void {
  checkIfGiven(ctx, `${base}.name`, ref.name, checkObjectName);
  checkIfGiven(ctx, `${base}.namespace`, ref.namespace, checkDns1123Label);
  checkIfGiven(ctx, `${base}.port`, ref.port, checkPortNumber);
}

/** Reports `check`'s problem with `value` at `at`; an absent value has none. */
function checkIfGiven<T>(
  ctx: RuleContext,
  at: string,
  value: T | undefined,
  check: (value: T) => string | null,
): void {
  if (value === undefined) return;
  const problem = check(value);
  if (problem) ctx.error(at, problem);
}
