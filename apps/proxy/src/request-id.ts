// x-request-id values: random (version 4) UUIDs, as Envoy creates them. node's crypto.randomUUID builds
// each one from 20 concatenated pieces (about 600 bytes of short-lived strings per request in allocation
// profiles); this writes the 36 characters into one reused buffer and makes a single flat string of them.
// The randomness is the same: crypto.randomFillSync, drawn 256 ids at a time.
import { randomFillSync } from 'node:crypto';

const IDS_PER_DRAW = 256;
const random = Buffer.allocUnsafeSlow(16 * IDS_PER_DRAW);
let next = IDS_PER_DRAW;
const text = Buffer.allocUnsafeSlow(36);
/** Lower-case hex digit codes. */
const HEX = Buffer.from('0123456789abcdef', 'latin1');
/** Where the dashes go (8-4-4-4-12). */
const DASH_AFTER_BYTE = [false, false, false, true, false, true, false, true, false, true];

/** A new random UUID (RFC 9562 version 4), lower-case: `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`. */
export function newRequestId(): string {
  if (next === IDS_PER_DRAW) {
    randomFillSync(random);
    next = 0;
  }
  const at = next * 16;
  next++;
  // Version 4 and the RFC 4122/9562 variant.
  random[at + 6] = ((random[at + 6] as number) & 0x0f) | 0x40;
  random[at + 8] = ((random[at + 8] as number) & 0x3f) | 0x80;
  let out = 0;
  for (let i = 0; i < 16; i++) {
    const byte = random[at + i] as number;
    text[out++] = HEX[byte >> 4] as number;
    text[out++] = HEX[byte & 15] as number;
    if (i < 10 && DASH_AFTER_BYTE[i]) text[out++] = 45; // '-'
  }
  return text.toString('latin1', 0, 36);
}
