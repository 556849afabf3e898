import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The kiosk app also serves the visitor's phone pages (/track/…, /book/…): one SPA, the view is
// chosen from location.pathname. `npm run dev -w kiosk-ui` proxies the API to a local server.
const target = process.env.ONEWINDOW_API ?? 'http://localhost:8080';

export default defineConfig({
  base: '/kiosk/',
  plugins: [vue()],
  build: { target: 'es2022', chunkSizeWarningLimit: 800 },
  server: {
    proxy: {
      '/api': target,
      '/socket.io': { target, ws: true },
    },
  },
});
