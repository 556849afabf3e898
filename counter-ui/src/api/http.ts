import { createApi } from '@onewindow/protocol/client';

/** Same-origin API calls (the UIs are served by the hall server itself), typed by the protocol's routes. */
export const api = createApi();
export { ApiError } from '@onewindow/protocol/client';
