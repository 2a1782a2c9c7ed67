import type { DemoAppName } from './demo-apps.js';

/** What a container image runs locally: a demo workload, or nothing (a client that only has a sidecar). */
export type DemoImageWorkload = { kind: 'app'; app: DemoAppName } | { kind: 'idle' };

/**
 * Images of the tutorials (and of the Music demo) that `shadowmesh run` starts as local workloads, by
 * repository: any tag or digest, with or without the `docker.io/` registry.
 */
export const DEMO_IMAGES: Readonly<Record<string, DemoImageWorkload>> = Object.freeze({
  'kennethreitz/httpbin': { kind: 'app', app: 'httpbin' },
  'curlimages/curl': { kind: 'idle' },
  'tutum/curl': { kind: 'idle' },
  'wandpsilva/istioapp': { kind: 'app', app: 'istioapp' },
  'pmusale/istiomirroring': { kind: 'app', app: 'hello-mirroring' },
  'shadowmesh/music-front': { kind: 'app', app: 'music-front' },
  'shadowmesh/music-back': { kind: 'app', app: 'music-back' },
  'shadowmesh/music-store': { kind: 'app', app: 'music-store' },
});

/**
 * The repository an image names, without tag, digest or Docker Hub registry:
 * `docker.io/kennethreitz/httpbin:latest` → `kennethreitz/httpbin`, `docker.io/library/nginx` → `nginx`.
 */
export function imageRepository(image: string): string {
  let name = image.trim();
  const at = name.indexOf('@');
  if (at >= 0) name = name.slice(0, at);
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) name = name.slice(0, colon);
  for (const registry of ['docker.io/', 'index.docker.io/', 'registry-1.docker.io/']) {
    if (name.startsWith(registry)) name = name.slice(registry.length);
  }
  if (name.startsWith('library/')) name = name.slice('library/'.length);
  return name.toLowerCase();
}

/** The demo workload an image stands for, or null when it is not a known demo image. */
export function demoWorkloadForImage(image: string): DemoImageWorkload | null {
  const repository = imageRepository(image);
  return Object.hasOwn(DEMO_IMAGES, repository) ? DEMO_IMAGES[repository]! : null;
}
