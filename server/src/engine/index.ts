/** The queue engine: pure and deterministic. The live hall and the simulator both run it. */
export * from './types.ts';
export * from './errors.ts';
export * from './state.ts';
export * as commands from './commands.ts';
export type { EngineContext, IssueInput, FinishInput, TransferInput, ReinstateRule } from './commands.ts';
export { apply } from './reducer.ts';
export { estimateForNewTicket, estimateWait, estimateWaitByWalk, type Estimate } from './estimate.ts';
export { queueSummary, queueSummaryByWalk, type QueueSummary } from './queue-summary.ts';
export { unservableServices, servableNow, type Unservable } from './unservable.ts';
export { fifoWaitSec } from './fifo-wait.ts';
export { autoCallAt, autoCallDue, nextWake } from './wake.ts';
export { WaitingQueue } from './waiting.ts';
export { meanServiceSec, DEFAULT_SERVICE_SEC } from './stats.ts';
export { formatNumber, numberSeq } from './numbering.ts';
export { businessDay } from './day.ts';
export * from './routing/index.ts';
export { candidatesFor } from './routing/policy.ts';
export { byQueueOrder, waitingFrom, oldest, isBookedStep, tooEarlyToCall } from './queue-order.ts';
