// Istio `fault` (delay and abort, each with its own percentage), compiled once and sampled per request.
import type { HTTPFaultInjection, Percent } from '@shadowmesh/api';
import { parseDuration } from '@shadowmesh/api';
import type { FaultDecision, RandomSource } from './types.js';

export interface CompiledFault {
  /** Sampled decision for one request: null when neither fault applies. */
  sample(random: RandomSource): FaultDecision | null;
  readonly summary: {
    delayMs: number | null;
    delayPercent: number;
    abortStatus: number | null;
    abortPercent: number;
  };
}

/** Istio's percentage rule for faults: `percentage.value`, else the deprecated integer `percent`, else 0. */
function faultPercent(percentage: Percent | undefined, percent: number | undefined): number {
  const v = percentage && typeof percentage === 'object' ? (percentage.value ?? 0) : (percent ?? 0);
  return Number.isFinite(v) ? Math.min(100, Math.max(0, v)) : 0;
}

function draw(random: RandomSource, percent: number): boolean {
  if (percent <= 0) return false;
  if (percent >= 100) return true;
  return random() * 100 < percent;
}

/**
 * Compiles `fault`. A fault whose percentage is unspecified is never applied (Istio: "If percentage is not
 * specified, no requests will be delayed/aborted"). `grpcStatus` and `http2Error` aborts are not supported
 * (reported through onError) and never applied. The three possible decisions are allocated once.
 */
export function compileFault(
  fault: HTTPFaultInjection | undefined,
  onError: (m: string) => void,
): CompiledFault | null {
  if (!fault || typeof fault !== 'object') return null;
  let delayMs: number | null = null;
  let delayPercent = 0;
  if (fault.delay) {
    if (typeof fault.delay.fixedDelay === 'string') {
      try {
        delayMs = parseDuration(fault.delay.fixedDelay);
      } catch (err) {
        onError(`fault.delay.fixedDelay: ${(err as Error).message}`);
      }
    } else if (fault.delay.exponentialDelay !== undefined) {
      onError('fault.delay.exponentialDelay is not supported (as in Istio)');
    }
    delayPercent = delayMs === null ? 0 : faultPercent(fault.delay.percentage, fault.delay.percent);
  }
  let abortStatus: number | null = null;
  let abortPercent = 0;
  if (fault.abort) {
    if (typeof fault.abort.httpStatus === 'number') abortStatus = fault.abort.httpStatus;
    else onError('fault.abort: only httpStatus aborts are supported');
    abortPercent = abortStatus === null ? 0 : faultPercent(fault.abort.percentage, undefined);
  }
  if (delayPercent === 0 && abortPercent === 0) {
    return { sample: () => null, summary: { delayMs, delayPercent, abortStatus, abortPercent } };
  }
  const onlyDelay: FaultDecision = Object.freeze({ delayMs, abortStatus: null });
  const onlyAbort: FaultDecision = Object.freeze({ delayMs: null, abortStatus });
  const both: FaultDecision = Object.freeze({ delayMs, abortStatus });
  return {
    summary: { delayMs, delayPercent, abortStatus, abortPercent },
    sample(random) {
      const d = draw(random, delayPercent);
      const a = draw(random, abortPercent);
      return d ? (a ? both : onlyDelay) : a ? onlyAbort : null;
    },
  };
}
