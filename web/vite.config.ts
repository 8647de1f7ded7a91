// Vite build of the analyst's workbench: Preact, one small bundle, served by `echotrace serve`
// from web/dist. `npm run dev:web` proxies /api to a running `echotrace serve` on port 4477.
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [preact()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 600 },
  server: { proxy: { '/api': 'http://127.0.0.1:4477' } },
});
