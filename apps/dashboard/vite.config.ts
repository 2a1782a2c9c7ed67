import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// Workspace packages are bundled from their TypeScript source (the `source` export condition).
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:20001', ws: true }, '/login': 'http://127.0.0.1:20001' },
  },
});
