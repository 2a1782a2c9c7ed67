import { describe, expect, it } from 'vitest';
import { findSelection } from './selection';
import { selectionFacts } from './selectionFacts';
import { httpbinGraph } from './testGraph';

const factsOf = (id: string) => {
  const selection = findSelection(httpbinGraph(), id);
  if (!selection) throw new Error(`no ${id}`);
  return Object.fromEntries(selectionFacts(selection));
};

describe('selectionFacts', () => {
  it('describes a service node with its rates and config badges', () => {
    expect(factsOf('svc:httpbin')).toMatchObject({
      Kind: 'Service',
      Service: 'httpbin',
      'Requests in': '10 rps',
      Config: '❐ Mirroring, ⚖ Weighted routing',
    });
  });

  it('describes a box without rates', () => {
    const facts = factsOf('box:httpbin');
    expect(facts.Kind).toBe('App box');
    expect(facts['Requests in']).toBeUndefined();
  });

  it('describes a weighted primary edge with share and weight', () => {
    expect(factsOf('svc:httpbin->httpbin:v1')).toMatchObject({
      Traffic: 'Primary requests',
      'Share of source traffic': '89.4%',
      'Configured weight': '90%',
      'Latency p50 / p95 / p99': '5ms / 12ms / 20ms',
      'Response codes': '200: 60',
    });
  });

  it('describes a mirror edge with its percentage, errors and latency', () => {
    const facts = factsOf('svc:httpbin->httpbin:v2:mirror');
    expect(facts).toMatchObject({
      Traffic: 'Mirror copies (fire-and-forget)',
      'Mirror percentage': '100%',
      Errors: '5% (30)',
      Health: 'Degraded',
    });
    expect(facts['Share of source traffic']).toBeUndefined();
  });
});
