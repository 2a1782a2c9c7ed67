import { readdirSync } from 'node:fs';
import { parseManifests } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { demoWorkloadForImage } from '../demo-images.js';
import { DEMO_SCENARIO_NAMES, DEMO_SCENARIOS } from './demo-scenarios.js';
import { TUTORIAL_FILES, tutorialManifest, tutorialsDir } from './tutorial-manifests.js';

describe('tutorial manifests', () => {
  it('lists every tutorial file of the repository', () => {
    const onDisk = readdirSync(tutorialsDir()).filter((f) => f.endsWith('.yaml'));
    expect([...TUTORIAL_FILES].sort()).toEqual(onDisk.sort());
  });

  it.each(TUTORIAL_FILES)('%s reads as Istio or Kubernetes YAML', (file) => {
    expect(tutorialManifest(file)).toMatch(/^apiVersion: /m);
  });
});

describe.each(DEMO_SCENARIO_NAMES)('the %s scenario', (name) => {
  const scenario = DEMO_SCENARIOS[name];
  const parsed = parseManifests(scenario.manifests);

  it('parses without errors, and names each object once', () => {
    expect(parsed.errors).toEqual([]);
    const keys = parsed.resources.map((r) => `${r.kind}/${r.metadata.namespace}/${r.metadata.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(parsed.resources.some((r) => r.kind === 'VirtualService')).toBe(true);
  });

  it('runs only known demo images', () => {
    const images = [...scenario.manifests.matchAll(/^\s*(?:- )?image:\s*(\S+)/gm)].map((m) => m[1]!);
    expect(images.length).toBeGreaterThan(1);
    for (const image of images) expect(demoWorkloadForImage(image), image).not.toBeNull();
  });

  it('sends its load through something it starts', () => {
    const { load } = scenario;
    if (load.via === 'gateway') {
      expect(scenario.gateway).toBe(true);
      expect(parsed.resources.some((r) => r.kind === 'Gateway')).toBe(true);
    } else {
      expect(parsed.skipped.map((s) => s.name)).toContain(load.workload);
    }
    expect(load.rate).toBeGreaterThan(0);
  });
});

describe('the music scenario shows divergence at once', () => {
  const parsed = parseManifests(DEMO_SCENARIOS.music.manifests);
  const policy = parsed.resources.find((r) => r.kind === 'ShadowPolicy');

  it('samples the mirrored service often, and does not count the version header as divergence', () => {
    expect(policy?.metadata).toMatchObject({ name: 'back', namespace: 'music' });
    const spec = policy?.spec as {
      host: string;
      flowSampling: number;
      divergence: { ignoreHeaders: string[] };
    };
    expect(spec.host).toBe('back');
    // At the scenario's rate, at least a few compared pairs a second.
    expect(spec.flowSampling * DEMO_SCENARIOS.music.load.rate).toBeGreaterThanOrEqual(3);
    expect(spec.divergence.ignoreHeaders).toEqual(['x-demo-version']);
  });
});
