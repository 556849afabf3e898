import type { RoutingPolicy } from './policy.ts';
import { dedicatedPolicy, fifoPolicy } from './fifo.ts';
import { fairPolicy } from './fair.ts';
import { balancedPolicy } from './balanced.ts';

export type { Choice, RoutingPolicy } from './policy.ts';

export const POLICIES: Record<string, RoutingPolicy> = {
  balanced: balancedPolicy,
  fair: fairPolicy,
  fifo: fifoPolicy,
  dedicated: dedicatedPolicy,
};

/** The hall's production policy, used live and by the simulator unless told otherwise. */
export const DEFAULT_POLICY = 'balanced';

export function getPolicy(name: string = DEFAULT_POLICY): RoutingPolicy | undefined {
  return POLICIES[name];
}
