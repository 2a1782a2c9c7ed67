import { DEMO_SCENARIO_NAMES, DEMO_SCENARIOS } from '@shadowmesh/demo';
import { describe, expect, it } from 'vitest';
import { parseImageMap, unknownImageMessage, workloadsFromManifests } from './manifest-workloads.js';

const deployment = (name: string, image: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${extra}spec:
  replicas: 1
  template:
    metadata:
      labels:
        app: ${name}
        version: v1
    spec:
      containers:
      - name: main
        image: ${image}
`;

const read = (text: string, imageMap: string[] = []) =>
  workloadsFromManifests([{ name: 'app.yaml', text }], {
    namespace: 'default',
    imageMap: parseImageMap(imageMap),
  });

describe('workloadsFromManifests', () => {
  it('runs known images as demo apps, curl as an idle client, with the template labels', () => {
    const found = read(
      [
        deployment('httpbin-v1', 'docker.io/kennethreitz/httpbin'),
        deployment('sleep', 'curlimages/curl:8.1.0'),
        `apiVersion: v1\nkind: Service\nmetadata:\n  name: httpbin\nspec:\n  ports:\n  - port: 8000\n`,
      ].join('---\n'),
    );
    expect(found.unknownImages).toEqual([]);
    expect(found.workloads).toEqual([
      {
        name: 'httpbin-v1',
        namespace: 'default',
        labels: { app: 'httpbin-v1', version: 'v1' },
        app: { kind: 'demo', app: 'httpbin' },
        source: 'Deployment httpbin-v1 (app.yaml)',
      },
      expect.objectContaining({ name: 'sleep', app: { kind: 'idle' } }),
    ]);
  });

  it('reads extensions/v1beta1 Deployments and metadata.namespace', () => {
    const text = deployment('hello', 'pmusale/istiomirroring:1.0', '  namespace: music\n').replace(
      'apps/v1',
      'extensions/v1beta1',
    );
    expect(read(text).workloads[0]).toMatchObject({
      namespace: 'music',
      app: { kind: 'demo', app: 'hello-mirroring' },
    });
  });

  it('reports unknown images, and runs them when mapped (any tag; the mapping wins over a demo image)', () => {
    const text = [deployment('web', 'nginx:1.27'), deployment('bin', 'kennethreitz/httpbin')].join('---\n');
    expect(read(text).unknownImages).toEqual([{ image: 'nginx:1.27', source: 'Deployment web (app.yaml)' }]);
    const mapped = read(text, ['nginx=python3 -m http.server $PORT', 'kennethreitz/httpbin:latest=./bin']);
    expect(mapped.workloads.map((w) => w.app)).toEqual([
      { kind: 'command', command: 'python3 -m http.server $PORT', image: 'nginx:1.27' },
      { kind: 'command', command: './bin', image: 'kennethreitz/httpbin' },
    ]);
  });

  it('notes what it does differently: replicas, other kinds', () => {
    const text = [
      deployment('web', 'tutum/curl').replace('replicas: 1', 'replicas: 3'),
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\n',
    ].join('---\n');
    expect(read(text).notes).toEqual([
      'Deployment web (app.yaml): replicas 3, running 1',
      'StatefulSet db (app.yaml) is not run: only Deployments are',
    ]);
  });

  it.each([
    [
      deployment('web', 'tutum/curl').replace(/ {4}metadata:\n {6}labels:\n.*\n.*\n/, ''),
      /spec.template.metadata.labels is required/,
    ],
    [
      deployment('web', 'tutum/curl').replace('image: tutum/curl', 'image: ""'),
      /containers\[0\].image is required/,
    ],
    [deployment('Web_1', 'tutum/curl'), /app.yaml document 1: metadata.name must be a DNS-1123 name/],
    [
      [deployment('a', 'tutum/curl'), deployment('a', 'tutum/curl')].join('---\n'),
      /a Deployment default\/a is already defined/,
    ],
  ])('refuses a malformed Deployment, naming the field (%#)', (text, message) => {
    expect(() => read(text)).toThrow(message);
  });

  it('every demo scenario runs without an image map', () => {
    for (const name of DEMO_SCENARIO_NAMES) {
      const found = read(DEMO_SCENARIOS[name].manifests);
      expect(found.unknownImages, name).toEqual([]);
      expect(found.workloads.length, name).toBeGreaterThan(1);
    }
  });
});

describe('parseImageMap and the unknown image message', () => {
  it('refuses a value without IMAGE=COMMAND', () => {
    expect(() => parseImageMap(['nginx'])).toThrow(/^--image-map: expected IMAGE=COMMAND/);
    expect(() => parseImageMap(['=cmd'])).toThrow(/^--image-map/);
  });

  it('explains how to map an image', () => {
    const lines = unknownImageMessage([
      { image: 'docker.io/library/nginx:1.27', source: 'Deployment web (a.yaml)' },
    ]);
    expect(lines[0]).toBe(
      'error: Deployment web (a.yaml): image "docker.io/library/nginx:1.27" is not a demo image Shadowmesh can run',
    );
    expect(lines.join('\n')).toContain("--image-map 'nginx=python3 -m http.server $PORT'");
  });
});
