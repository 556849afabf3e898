import { createApi } from '@onewindow/protocol/client';

/** The hall server's HTTP API, on this page's origin (Vite's dev server proxies it); typed by the protocol's routes. */
export const api = createApi();
