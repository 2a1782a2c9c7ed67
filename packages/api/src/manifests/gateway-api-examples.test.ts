// The Gateway API's own examples (testing/gateway-api-examples/: the v1.2.1 examples for traffic splitting,
// mirroring, header modifiers, redirects and rewrites, Gateways; the GAMMA mesh conformance routes with a
// Service parentRef; percentage and fraction mirrors) are accepted as written.
import { describe, expect, it } from 'vitest';
import { GATEWAY_API_EXAMPLE_TEXTS } from '../testing/manifest-arbitraries.js';
import { parseManifests } from './parse-manifests.js';

const files = Object.entries(GATEWAY_API_EXAMPLE_TEXTS).map(([path, text]) => [
  path.replace(/^.*\//, ''),
  text,
]);

describe('Gateway API examples', () => {
  it('are all there', () => {
    expect(files.map(([name]) => name).sort()).toEqual([
      'gamma.yaml',
      'gateways.yaml',
      'header-modifiers.yaml',
      'redirects-rewrites.yaml',
      'request-mirroring.yaml',
      'traffic-splitting.yaml',
    ]);
  });

  it.each(files)('%s parses with no errors', (name, text) => {
    const parsed = parseManifests(text ?? '');
    // default-match-http.yaml routes to a CustomBackend: only Service backends are routed here.
    const expected =
      name === 'gateways.yaml'
        ? [
            {
              field: 'spec.rules[0].backendRefs[0].kind',
              message: expect.stringMatching(/only Service backends/),
            },
          ]
        : [];
    expect(parsed.errors.map((e) => ({ field: e.field, message: e.message }))).toEqual(expected);
    expect(parsed.resources.length).toBeGreaterThan(0);
    for (const r of parsed.resources) expect(['HTTPRoute', 'KubernetesGateway']).toContain(r.kind);
    // Only the protocols Shadowmesh does not serve are worth a warning.
    for (const w of parsed.warnings)
      expect([w.code, w.field]).toEqual(['SM0902', expect.stringMatching(/\.protocol$/)]);
  });
});
