/** Stable, machine-readable refusals. The HTTP layer maps them to 4xx with the same code. */
export const ENGINE_ERRORS = {
  UNKNOWN_SERVICE: 404,
  UNKNOWN_WINDOW: 404,
  UNKNOWN_TICKET: 404,
  WINDOW_NOT_SKILLED: 409,
  WINDOW_CLOSED: 409,
  WINDOW_PAUSED: 409,
  WINDOW_NOT_PAUSED: 409,
  WINDOW_BUSY: 409,
  WINDOW_IDLE: 409,
  WINDOW_TAKEN: 409,
  TICKET_NOT_WAITING: 409,
  TICKET_NOT_CALLED: 409,
  TICKET_NOT_SERVING: 409,
  TICKET_NOT_HELD: 409,
  TICKET_FINISHED: 409,
  NO_SHOW_TOO_EARLY: 409,
  TICKET_NOT_NO_SHOW: 409,
  REINSTATE_TOO_LATE: 409,
  TRANSFER_TARGET_INVALID: 422,
  AUTO_CALL_INVALID: 422,
} as const;

export type EngineErrorCode = keyof typeof ENGINE_ERRORS;

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'EngineError';
  }
  get status(): number {
    return ENGINE_ERRORS[this.code];
  }
}
