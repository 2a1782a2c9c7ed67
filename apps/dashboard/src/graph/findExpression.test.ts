import { describe, expect, it } from 'vitest';
import type { GraphTarget } from './expressionOperands';
import { parseExpression } from './findExpression';
import { httpbinGraph } from './testGraph';

const graph = httpbinGraph();
const targets: GraphTarget[] = [
  ...graph.nodes.map((node) => ({ kind: 'node' as const, node })),
  ...graph.edges.map((edge) => ({ kind: 'edge' as const, edge })),
];
const idOf = (t: GraphTarget) => (t.kind === 'node' ? t.node.id : t.edge.id);

/** The ids of every element of the sample graph the expression matches. */
function matching(text: string): string[] {
  const result = parseExpression(text);
  if (!result.ok) throw new Error(`${text}: ${result.error}`);
  const expression = result.expression;
  if (!expression) return [];
  return targets.filter((t) => expression.matches(t)).map(idOf);
}

describe('parseExpression: matching', () => {
  it.each([
    ['rps > 10', ['httpbin:v2']],
    [
      'rps >= 10',
      ['client', 'svc:httpbin', 'httpbin:v2', 'client->svc:httpbin', 'svc:httpbin->httpbin:v2:mirror'],
    ],
    ['version = v2', ['httpbin:v2']],
    ['VERSION = V2', ['httpbin:v2']],
    ['version != v2', ['httpbin:v1']],
    ['error > 1', ['httpbin:v2', 'svc:httpbin->httpbin:v2:mirror']],
    ['error > 1%', ['httpbin:v2', 'svc:httpbin->httpbin:v2:mirror']],
    ['mirror', ['svc:httpbin', 'svc:httpbin->httpbin:v2:mirror']],
    ['!mirror AND weighted', ['svc:httpbin->httpbin:v1', 'svc:httpbin->httpbin:v2']],
    ['weight = 90', ['svc:httpbin->httpbin:v1']],
    ['share < 50', ['svc:httpbin->httpbin:v2']],
    ['!share > 50', ['svc:httpbin->httpbin:v2']],
    ['p95 > 30ms', ['svc:httpbin->httpbin:v2:mirror']],
    ['name contains http', ['svc:httpbin', 'box:httpbin', 'httpbin:v1', 'httpbin:v2']],
    ['name ^= "httpbin v"', ['httpbin:v1', 'httpbin:v2']],
    ['name $= v1', ['httpbin:v1']],
    ['kind = service OR root', ['client', 'svc:httpbin']],
    ['version = v1 OR version = v2 AND unhealthy', ['httpbin:v1', 'httpbin:v2']],
    ['(version = v1 OR version = v2) AND unhealthy', ['httpbin:v2']],
    ['not not box', ['box:httpbin']],
    ['idle', []],
    ['', []],
  ])('%s', (text, want) => {
    expect(matching(text)).toEqual(want);
  });
});

describe('parseExpression: errors name what is wrong and where', () => {
  it.each([
    ['rsp > 10', /unknown operand "rsp"/, 0],
    ['rps >', /expected a value after ">"/, 5],
    ['rps > ten', /"rps" is a number: "ten" is not/, 6],
    ['rps contains 1', /"rps" is a number/, 4],
    ['version > v1', /"version" is text/, 8],
    ['mirror = true', /"mirror" is a flag/, 7],
    ['version', /expected a comparison after "version"/, 7],
    ['rps > 1 rps > 2', /unexpected "rps": expected AND or OR/, 8],
    ['(mirror', /expected "\)"/, 7],
    ['name = "open', /unclosed quote/, 7],
    ['rps > 1 AND', /expected an operand/, 11],
    ['rps # 1', /unexpected character "#"/, 4],
    ['version constructor x', /expected a comparison/, 8],
  ])('%s', (text, message, position) => {
    const result = parseExpression(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(message);
    expect(result.position).toBe(position);
  });
});
