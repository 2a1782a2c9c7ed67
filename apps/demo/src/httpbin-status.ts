import type { DemoReply } from './demo-server.js';
import { STATUS_EXTRAS } from './httpbin-documents.js';

interface WeightedCode {
  code: number;
  weight: number;
}

/**
 * `/status/{codes}`: `418` answers 418; `200,500` picks one evenly; `200:3,500:1` picks by weight
 * (httpbin's `weighted_choice`). Codes outside 200..599, or malformed, answer 400 `Invalid status code`.
 */
export function statusReply(codes: string, random: () => number): DemoReply {
  const choices = parseCodes(decodeURIComponentSafe(codes));
  if (!choices) return { status: 400, text: 'Invalid status code', contentType: 'text/html; charset=utf-8' };
  return replyFor(pick(choices, random));
}

function parseCodes(codes: string): WeightedCode[] | null {
  const out: WeightedCode[] = [];
  for (const part of codes.split(',')) {
    const [codeText = '', weightText, extra] = part.split(':');
    const code = /^\s*\d{3}\s*$/.test(codeText) ? Number(codeText) : Number.NaN;
    const weight = weightText === undefined ? 1 : Number(weightText);
    if (extra !== undefined || !(code >= 200 && code <= 599)) return null;
    if (weightText !== undefined && (weightText.trim() === '' || !Number.isFinite(weight) || weight < 0))
      return null;
    out.push({ code, weight });
  }
  return out.some((choice) => choice.weight > 0) ? out : null;
}

function pick(choices: WeightedCode[], random: () => number): number {
  let total = 0;
  for (const choice of choices) total += choice.weight;
  const x = random() * total;
  let cumulative = 0;
  for (const choice of choices) {
    cumulative += choice.weight;
    if (x < cumulative) return choice.code;
  }
  return choices[choices.length - 1]!.code;
}

function replyFor(code: number): DemoReply {
  const extras = STATUS_EXTRAS.get(code);
  return {
    status: code,
    text: extras?.body ?? '',
    contentType: 'text/html; charset=utf-8',
    ...(extras?.headers ? { headers: extras.headers } : {}),
  };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
