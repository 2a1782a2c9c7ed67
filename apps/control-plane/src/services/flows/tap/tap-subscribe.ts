// Parses a message a tap client sent: a TapSubscribe, or an error naming the field. Never throws.
import { schemaErrors, TAP_DEFAULT_RATE, type TapSubscribe, TapSubscribeSchema } from '@shadowmesh/api';
import type { TapSubscription } from './tap-client.js';

export type ParsedSubscribe =
  | { ok: true; subscription: TapSubscription }
  | { ok: false; field: string; message: string };

export function parseTapSubscribe(text: string): ParsedSubscribe {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, field: '(root)', message: `not JSON: ${(error as Error).message}` };
  }
  const first = schemaErrors(TapSubscribeSchema, value)[0];
  if (first !== undefined)
    return { ok: false, field: first.field, message: `${first.field}: ${first.message}` };
  const subscribe = value as TapSubscribe;
  return {
    ok: true,
    subscription: {
      filter: { ...subscribe.filter },
      ratePerSecond: subscribe.ratePerSecond ?? TAP_DEFAULT_RATE,
    },
  };
}
