import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// One SPA for the counter: /counter/ is the clerk's terminal, /counter/pad/ the evaluator pad facing
// the visitor; the view is chosen from location.pathname. `npm run dev -w counter-ui` proxies the API.
const target = process.env.ONEWINDOW_API ?? 'http://localhost:8080';

export default defineConfig({
  base: '/counter/',
  plugins: [vue()],
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 800 },
  server: {
    proxy: {
      '/api': target,
      '/socket.io': { target, ws: true },
    },
  },
});
