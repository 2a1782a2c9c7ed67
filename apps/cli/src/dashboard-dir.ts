import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The built dashboard (apps/dashboard/dist), or null when it has not been built. */
export function dashboardDir(): string | null {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('@shadowmesh/dashboard/package.json')), 'dist');
  return existsSync(join(dir, 'index.html')) ? dir : null;
}
