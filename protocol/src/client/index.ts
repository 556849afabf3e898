/**
 * The UIs' side of the contract: the typed HTTP client and the one feed client. Kept apart from the
 * package's root so the server never loads socket.io-client.
 */
export { createApi, pathFor, ApiError, type ApiClient, type CallOptions } from './api.ts';
export { openFeed, keepFeed, type FeedAuth, type FeedConnection, type FeedHandlers, type FeedOptions, type FeedSocket } from './feed.ts';
