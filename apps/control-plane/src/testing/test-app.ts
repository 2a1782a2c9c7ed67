// Test helpers: a temporary data directory and an app built over it (never listening).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type AppOptions, buildApp } from '../app.js';
import { type ControlPlaneConfigInput, controlPlaneConfig } from '../config.js';

export interface TestApp {
  app: FastifyInstance;
  dataDir: string;
  close(): Promise<void>;
}

export function tempDir(prefix = 'shadowmesh-cp-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export async function testApp(
  input: ControlPlaneConfigInput = {},
  extra: Partial<Omit<AppOptions, 'config'>> = {},
): Promise<TestApp> {
  const dir = input.data ? null : tempDir();
  const config = controlPlaneConfig(
    { auth: 'none', logLevel: 'silent', ...input, data: input.data ?? dir!.path },
    {},
  );
  const app = await buildApp({ config, logger: false, ...extra });
  return {
    app,
    dataDir: config.dataDir,
    close: async () => {
      await app.close();
      dir?.remove();
    },
  };
}
