// A real control plane for integration tests: built in-process, listening on 127.0.0.1 with a free port,
// over a temporary data directory that `close()` removes.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, controlPlaneConfig } from '@shadowmesh/control-plane';

export interface TestControlPlane {
  url: string;
  /** The API token (also in `<dataDir>/token`). */
  token: string;
  dataDir: string;
  close(): Promise<void>;
}

export const TEST_TOKEN = 'cli-test-token-0123456789abcdef';

export async function startTestControlPlane(): Promise<TestControlPlane> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shadowmesh-cli-cp-'));
  const config = controlPlaneConfig(
    { listen: '127.0.0.1:0', data: dataDir, auth: 'token', token: TEST_TOKEN, logLevel: 'silent' },
    {},
  );
  const app = await buildApp({ config, logger: false });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
  } catch (err) {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token: TEST_TOKEN,
    dataDir,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
