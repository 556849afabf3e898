import type { RoutingPolicy } from './policy.ts';
import { call, candidatesFor, nobody } from './policy.ts';
import { oldest, tooEarlyToCall } from '../queue-order.ts';
import { windowDef } from '../state.ts';

/** The naive shared queue: first come, first served among the tickets a window is skilled for. */
export const fifoPolicy: RoutingPolicy = {
  name: 'fifo',
  description: 'Naive shared queue: the oldest ticket among the window\'s skills.',
  choose(s, windowId, now) {
    const c = oldest(candidatesFor(s, windowId).filter((x) => !tooEarlyToCall(s, x, now)));
    return c ? call(c.ticket.id, 'first-come') : nobody('nothing-waiting');
  },
};

/** Before the reform: each window serves only its home service, first come, first served. */
export const dedicatedPolicy: RoutingPolicy = {
  name: 'dedicated',
  description: 'Dedicated windows: each window serves only its home service (its first skill), FIFO.',
  choose(s, windowId, now) {
    const home = windowDef(s, windowId).skills[0];
    const c = oldest(candidatesFor(s, windowId, [home]).filter((x) => !tooEarlyToCall(s, x, now)));
    return c ? call(c.ticket.id, 'home-service') : nobody('nothing-waiting');
  },
};
