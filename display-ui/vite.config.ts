import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// One SPA under /display/: the caller screen, the window screens and the supervisors' app.
export default defineConfig({
  base: '/display/',
  plugins: [vue()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://localhost:8080', '/socket.io': { target: 'ws://localhost:8080', ws: true } } },
});
