import { createApi } from '@onewindow/protocol/client';

/** The hall server serves this app, so the API is on the same origin; calls are typed by the protocol's routes. */
export const api = createApi();
