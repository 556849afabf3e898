import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

// The district centre's pages (/district/, /district/reports/, /district/waits/): a second entry of
// display-ui, built on its own and served by the centre (centre/src/plugins/pages.ts).
export default defineConfig({
  root: fileURLToPath(new URL('./district/', import.meta.url)),
  base: '/district/',
  plugins: [vue()],
  build: { outDir: fileURLToPath(new URL('./dist-district/', import.meta.url)), emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { fs: { allow: ['..', '../..'] }, proxy: { '/api': 'http://localhost:8090', '/socket.io': { target: 'ws://localhost:8090', ws: true } } },
});
