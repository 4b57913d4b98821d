/** Vite build of the web app: root web/, output web/dist, /api proxied to the local server in dev. */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * React and the router change rarely: one long-lived chunk; Leaflet gets its own, loaded by the map pages
 * only. Ant Design is left to the bundler's own splitting so each page loads only the components it uses
 * (tables, trees, steps …) instead of one large vendor file.
 */
function vendorChunk(id: string): string | null {
  if (/node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/.test(id)) return 'react';
  if (/node_modules[\\/]leaflet[\\/]/.test(id)) return 'leaflet';
  return null;
}

export default defineConfig({
  root: path.join(here, 'web'),
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: path.join(here, 'web/dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ debugName: 'vendor', name: (id: string) => vendorChunk(id) }],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.GONGZHI_API ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
