/** Milliseconds since the epoch; injected so tests can hold time still. */
export type Clock = () => number;
export const systemClock: Clock = () => Date.now();
