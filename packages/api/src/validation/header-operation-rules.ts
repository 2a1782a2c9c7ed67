import type { Headers, HTTPRoute } from '../resources/http-route.js';
import { isReservedHeader } from '../resources/reserved-headers.js';
import { fieldPath, type RuleContext } from './rule-context.js';

/** Why a header operation (or a Gateway API header modifier) may not name a reserved header. */
export function reservedHeaderMessage(name: string): string {
  return `header "${name}" cannot be changed by a header operation: it frames the message or describes one connection, and the proxy sets it itself`;
}

function checkHeaders(ctx: RuleContext, base: string, headers: Headers | undefined): void {
  for (const side of ['request', 'response'] as const) {
    const ops = headers?.[side];
    if (!ops) continue;
    const field = `${base}.headers.${side}`;
    for (const key of ['set', 'add'] as const) {
      for (const name of Object.keys(ops[key] ?? {}))
        if (isReservedHeader(name))
          ctx.add('SM0701', fieldPath(`${field}.${key}`, name), reservedHeaderMessage(name));
    }
    for (const [i, name] of (ops.remove ?? []).entries())
      if (isReservedHeader(name))
        ctx.add('SM0701', fieldPath(`${field}.remove`, i), reservedHeaderMessage(name));
  }
}

/** Framing and hop-by-hop names in the header operations of one HTTP route and of each of its destinations. */
export function checkHeaderOperations(ctx: RuleContext, base: string, r: HTTPRoute): void {
  checkHeaders(ctx, base, r.headers);
  for (const [j, d] of (r.route ?? []).entries()) checkHeaders(ctx, fieldPath(`${base}.route`, j), d.headers);
}
