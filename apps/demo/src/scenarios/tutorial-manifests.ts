// The four Istio mirroring tutorials' manifests, read from the one copy the project keeps: the repository's
// tutorials/ folder (a deployed image points SHADOWMESH_TUTORIALS at its copy, see the Dockerfile).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TUTORIAL_FILES = [
  'hello-mirroring-mirror.yaml',
  'hello-mirroring-workloads.yaml',
  'httpbin-mirror.yaml',
  'httpbin-route-v1.yaml',
  'httpbin-workloads.yaml',
  'istioapp-mirror.yaml',
  'istioapp-route.yaml',
  'istioapp-service.yaml',
  'music-canary.yaml',
  'music-gateway.yaml',
  'music-mirror.yaml',
  'music-shift.yaml',
] as const;

export type TutorialFile = (typeof TUTORIAL_FILES)[number];

/** The folder holding the tutorials: `$SHADOWMESH_TUTORIALS`, else the repository's tutorials/. */
export function tutorialsDir(): string {
  // From src/scenarios or dist/scenarios of apps/demo, the repository root is four levels up.
  return (
    process.env.SHADOWMESH_TUTORIALS ?? fileURLToPath(new URL('../../../../tutorials/', import.meta.url))
  );
}

const cache = new Map<TutorialFile, string>();

/** One tutorial file's text, exactly as users paste it; read on first use, so importing costs no I/O. */
export function tutorialManifest(file: TutorialFile): string {
  let text = cache.get(file);
  if (text === undefined) {
    text = readFileSync(join(tutorialsDir(), file), 'utf8');
    cache.set(file, text);
  }
  return text;
}
