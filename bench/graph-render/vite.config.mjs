// Builds the benchmark page: the dashboard's own graph modules (GraphCanvas, the element mapping,
// the stylesheet, the layout) fed with a synthetic graph. React comes from the dashboard's deps.
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const dashboardModules = fileURLToPath(new URL('../../apps/dashboard/node_modules/', import.meta.url));

export default defineConfig({
  root: here,
  logLevel: 'warn',
  resolve: {
    conditions: ['source', ...defaultClientConditions],
    alias: [{ find: /^(react|react-dom)(\/.*)?$/, replacement: `${dashboardModules}$1$2` }],
  },
  esbuild: { jsx: 'automatic' },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
