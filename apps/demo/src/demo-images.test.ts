import { describe, expect, it } from 'vitest';
import { demoWorkloadForImage, imageRepository } from './demo-images.js';

describe('demo images', () => {
  it.each([
    ['kennethreitz/httpbin', 'kennethreitz/httpbin'],
    ['docker.io/kennethreitz/httpbin', 'kennethreitz/httpbin'],
    ['docker.io/kennethreitz/httpbin:latest', 'kennethreitz/httpbin'],
    ['pmusale/istiomirroring:1.0', 'pmusale/istiomirroring'],
    ['curlimages/curl@sha256:abc', 'curlimages/curl'],
    ['docker.io/library/nginx:1.27', 'nginx'],
    ['localhost:5000/team/app:v2', 'localhost:5000/team/app'],
  ])('%s is the repository %s', (image, repository) => {
    expect(imageRepository(image)).toBe(repository);
  });

  it.each([
    ['kennethreitz/httpbin', { kind: 'app', app: 'httpbin' }],
    ['docker.io/kennethreitz/httpbin:0.9', { kind: 'app', app: 'httpbin' }],
    ['curlimages/curl', { kind: 'idle' }],
    ['tutum/curl:latest', { kind: 'idle' }],
    ['wandpsilva/istioapp:v2', { kind: 'app', app: 'istioapp' }],
    ['pmusale/istiomirroring:1.0', { kind: 'app', app: 'hello-mirroring' }],
    ['shadowmesh/music-back:latest', { kind: 'app', app: 'music-back' }],
  ])('%s runs %j', (image, workload) => {
    expect(demoWorkloadForImage(image)).toEqual(workload);
  });

  it('knows nothing of other images (nor of Object.prototype names)', () => {
    expect(demoWorkloadForImage('nginx')).toBeNull();
    expect(demoWorkloadForImage('constructor')).toBeNull();
    expect(demoWorkloadForImage('kennethreitz/httpbin-fork')).toBeNull();
  });
});
