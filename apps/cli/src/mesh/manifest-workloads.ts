// Reads the Deployments of `run -f` files: each becomes one local workload (a sidecar with the pod
// template's labels, and the application its image stands for).

import { parseYamlDocuments } from '@shadowmesh/api';
import { demoWorkloadForImage, imageRepository } from '@shadowmesh/demo';
import { CliError } from '../client/cli-error.js';
import type { ManifestSource } from '../client/manifest-input.js';
import type { WorkloadApp, WorkloadSpec } from './workload-launcher.js';

/** `--image-map IMAGE=COMMAND`: run COMMAND (with `PORT` set) for containers of IMAGE. */
export interface ImageMapEntry {
  image: string;
  command: string;
}

/** A container image that is neither a demo image nor mapped. */
export interface UnknownImage {
  image: string;
  /** `Deployment web (app.yaml)` */
  source: string;
}

export interface ManifestWorkloads {
  workloads: WorkloadSpec[];
  unknownImages: UnknownImage[];
  /** Things done differently than Kubernetes would, one line each (replicas, extra containers, kinds not run). */
  notes: string[];
}

const DEPLOYMENT_API_VERSIONS = ['apps/v1', 'apps/v1beta1', 'apps/v1beta2', 'extensions/v1beta1'];
const NOT_RUN_KINDS = ['Pod', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'];
const DNS_LABEL = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** Parses `--image-map` values; the error names the flag. */
export function parseImageMap(values: readonly string[]): ImageMapEntry[] {
  return values.map((value) => {
    const eq = value.indexOf('=');
    const image = eq > 0 ? value.slice(0, eq).trim() : '';
    const command = eq > 0 ? value.slice(eq + 1).trim() : '';
    if (image === '' || command === '') {
      throw new CliError(
        `--image-map: expected IMAGE=COMMAND (like nginx='python3 -m http.server $PORT'), got ${JSON.stringify(value)}`,
      );
    }
    return { image, command };
  });
}

export function workloadsFromManifests(
  sources: readonly ManifestSource[],
  options: { namespace: string; imageMap: readonly ImageMapEntry[] },
): ManifestWorkloads {
  const out: ManifestWorkloads = { workloads: [], unknownImages: [], notes: [] };
  for (const source of sources) {
    for (const [index, doc] of parseYamlDocuments(source.text).entries()) {
      const object = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown> | null;
      if (object === null || typeof object !== 'object') continue;
      const kind = String(object.kind ?? '');
      const where = `${source.name} document ${index + 1}`;
      if (NOT_RUN_KINDS.includes(kind)) {
        out.notes.push(`${kind} ${name(object) ?? '?'} (${source.name}) is not run: only Deployments are`);
      }
      if (kind !== 'Deployment' || !DEPLOYMENT_API_VERSIONS.includes(String(object.apiVersion))) continue;
      const deployment = readDeployment(object, where, options.namespace);
      const label = `Deployment ${deployment.name} (${source.name})`;
      if (deployment.replicas > 1) {
        out.notes.push(`${label}: replicas ${deployment.replicas}, running 1`);
      }
      const picked = pickContainer(deployment.images, options.imageMap);
      if (picked === null) {
        out.unknownImages.push({ image: deployment.images[0] ?? '(none)', source: label });
        continue;
      }
      for (const other of deployment.images.filter((_, i) => i !== picked.index)) {
        out.notes.push(`${label}: container image ${other} is not run (one application per workload)`);
      }
      out.workloads.push({
        name: deployment.name,
        namespace: deployment.namespace,
        labels: deployment.labels,
        app: picked.app,
        source: label,
      });
    }
  }
  const seen = new Set<string>();
  for (const w of out.workloads) {
    const key = `${w.namespace}/${w.name}`;
    if (seen.has(key)) throw new CliError(`${w.source}: a Deployment ${key} is already defined`);
    seen.add(key);
  }
  return out;
}

/** Lines explaining how to run images Shadowmesh does not know. */
export function unknownImageMessage(unknown: readonly UnknownImage[]): string[] {
  const lines = unknown.map(
    (u) => `error: ${u.source}: image "${u.image}" is not a demo image Shadowmesh can run`,
  );
  const example = unknown[0] ? imageRepository(unknown[0].image) : 'IMAGE';
  lines.push(
    'Map each image to a local command that listens on $PORT (its sidecar sends traffic there), e.g.:',
    `  shadowmesh run -f FILE --image-map '${example}=python3 -m http.server $PORT'`,
    'The command runs with PORT, and http_proxy/HTTP_PROXY set to its sidecar for calls out.',
    'Known demo images (any tag): kennethreitz/httpbin, curlimages/curl, tutum/curl, wandpsilva/istioapp,',
    '  pmusale/istiomirroring, shadowmesh/music-front, shadowmesh/music-back, shadowmesh/music-store.',
  );
  return lines;
}

interface DeploymentInfo {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  images: string[];
  replicas: number;
}

function readDeployment(object: Record<string, unknown>, where: string, defaultNs: string): DeploymentInfo {
  const deploymentName = name(object);
  if (deploymentName === undefined || !DNS_LABEL.test(deploymentName)) {
    throw new CliError(
      `${where}: metadata.name must be a DNS-1123 name, got ${JSON.stringify(deploymentName)}`,
    );
  }
  const at = `${where} (Deployment ${deploymentName})`;
  const meta = object.metadata as Record<string, unknown>;
  const namespace = typeof meta.namespace === 'string' ? meta.namespace : defaultNs;
  const spec = record(object.spec);
  const template = record(spec.template);
  const labels = record(record(template.metadata).labels);
  const entries = Object.entries(labels);
  if (entries.length === 0) throw new CliError(`${at}: spec.template.metadata.labels is required`);
  if (entries.some(([, v]) => typeof v !== 'string')) {
    throw new CliError(`${at}: spec.template.metadata.labels values must be strings`);
  }
  const containers = record(template.spec).containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    throw new CliError(`${at}: spec.template.spec.containers must list at least one container`);
  }
  const images = containers.map((c, i) => {
    const image = record(c).image;
    if (typeof image !== 'string' || image.trim() === '') {
      throw new CliError(`${at}: spec.template.spec.containers[${i}].image is required`);
    }
    return image.trim();
  });
  const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
  return { name: deploymentName, namespace, labels: labels as Record<string, string>, images, replicas };
}

function pickContainer(
  images: readonly string[],
  imageMap: readonly ImageMapEntry[],
): { index: number; app: WorkloadApp } | null {
  for (const [index, image] of images.entries()) {
    const mapped =
      imageMap.find((m) => m.image === image) ??
      imageMap.find((m) => imageRepository(m.image) === imageRepository(image));
    if (mapped) return { index, app: { kind: 'command', command: mapped.command, image } };
    const demo = demoWorkloadForImage(image);
    if (demo)
      return { index, app: demo.kind === 'idle' ? { kind: 'idle' } : { kind: 'demo', app: demo.app } };
  }
  return null;
}

function name(object: Record<string, unknown>): string | undefined {
  const n = record(object.metadata).name;
  return typeof n === 'string' ? n : undefined;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
