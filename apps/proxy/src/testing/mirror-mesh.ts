// The standard mirror test bed: a client sidecar (standalone) routing httpbin to v1 and mirroring to v2,
// where v1 and v2 are recording servers (or, for v2, any address, e.g. a closed port).
import type { ProxyHandle, StartOptions } from '../proxy-handle.js';
import { startSidecar } from '../sidecar.js';
import {
  clientSidecar,
  httpbinMirror,
  meshConfig,
  silentLogger,
  workloadEntry,
  writeMeshFile,
} from './mesh-files.js';
import type { Behaviour, RecordingServer } from './recording-server.js';
import { echo, startRecordingServer } from './recording-server.js';

export interface MirrorMeshOptions {
  v1?: Behaviour;
  /** Route v1 to this address instead of a recording server (e.g. a raw server); `v1` is then unused. */
  v1Address?: string;
  v2?: Behaviour;
  /** Mirror v2 to this address instead of a recording server (e.g. a dead port). */
  v2Address?: string;
  percentage?: number | null;
  mirror?: { maxInFlight?: number; timeout?: string; maxBodyBytes?: number };
  start?: StartOptions;
}

export interface MirrorMesh {
  proxy: ProxyHandle;
  outbound: string;
  /** The v1 recording server (unused when `v1Address` was given). */
  v1: RecordingServer;
  v2: RecordingServer | null;
  close(): Promise<void>;
}

/** The cluster name of the mirror target in this bed. */
export const V2_CLUSTER = 'outbound|8000|v2|httpbin.default.svc.cluster.local';

export async function startMirrorMesh(options: MirrorMeshOptions = {}): Promise<MirrorMesh> {
  const v1 = await startRecordingServer(options.v1 ?? echo);
  const v2 = options.v2Address === undefined ? await startRecordingServer(options.v2 ?? echo) : null;
  const docs = [
    httpbinMirror(options.percentage === undefined ? 100 : options.percentage),
    workloadEntry('httpbin-v1', options.v1Address ?? v1.address, { app: 'httpbin', version: 'v1' }),
    workloadEntry('httpbin-v2', v2?.address ?? (options.v2Address as string), {
      app: 'httpbin',
      version: 'v2',
    }),
  ];
  if (options.mirror) docs.push(meshConfig(options.mirror));
  const file = await writeMeshFile(...docs);
  let proxy: ProxyHandle;
  try {
    proxy = await startSidecar(clientSidecar(file), { logger: silentLogger, ...options.start });
  } catch (err) {
    await v1.close();
    await v2?.close();
    throw err;
  }
  return {
    proxy,
    outbound: proxy.addresses.outbound as string,
    v1,
    v2,
    close: async () => {
      await proxy.close();
      await v1.close();
      await v2?.close();
    },
  };
}
