/** Where services read the time: the system clock in the hall, a hand-moved one in tests. */
export interface Clock { now(): number }
export const systemClock: Clock = { now: () => Date.now() };
