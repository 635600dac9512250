import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './scripts/vite-precompress.ts';

const web = (file: string) => fileURLToPath(new URL(`./src/web/${file}`, import.meta.url));

// The web app lives in src/web and is built into dist/web, which the Fastify server serves.
// Two entries: the staff console (index.html) and the owner portal (m/index.html, served at /m/),
// code-split so the portal never loads the console or antd.
export default defineConfig({
  root: 'src/web',
  // Hashed assets are written pre-compressed (brotli, gzip); the server sends them with a year's immutable caching.
  plugins: [react(), precompress()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // scripts/portal-size.js reads the manifest to measure the portal's first load.
    manifest: true,
    rollupOptions: {
      input: { main: web('index.html'), m: web('m/index.html') },
      // antd's building blocks (@rc-component/*) do not declare `sideEffects: false`, so importing
      // one export of a package index (antd's ConfigProvider takes FormProvider from
      // @rc-component/form) kept the whole package: the form engine and its validator sat in the
      // console's first load. They have no import-time side effects, so unused modules may go.
      treeshake: { moduleSideEffects: [{ test: /[\\/]node_modules[\\/]@rc-component[\\/]/, sideEffects: false }] },
    },
  },
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
});
