/** Error codes the terminal and the pad explain in words (i18n `errors.<code>`); others show the server's message. */
export const KNOWN_ERRORS = [
  'NETWORK', 'UNAUTHORIZED', 'FORBIDDEN', 'BAD_CREDENTIALS', 'USER_DISABLED', 'RATE_LIMITED', 'VALIDATION_FAILED',
  'WINDOW_NOT_ALLOWED', 'NOT_AT_WINDOW', 'WINDOW_TAKEN', 'WINDOW_BUSY', 'WINDOW_IDLE', 'WINDOW_CLOSED', 'WINDOW_PAUSED',
  'WINDOW_NOT_PAUSED', 'WINDOW_NOT_SKILLED', 'TICKET_NOT_WAITING', 'TICKET_NOT_CALLED', 'TICKET_NOT_SERVING', 'TICKET_NOT_HELD',
  'TICKET_FINISHED', 'UNKNOWN_TICKET', 'UNKNOWN_SERVICE', 'UNKNOWN_WINDOW', 'TRANSFER_TARGET_INVALID', 'ALREADY_FLAGGED',
  'STEP_NOT_TIMED', 'NOT_YOUR_TICKET', 'PAIRING_CODE_INVALID', 'EVALUATION_DUPLICATE', 'EVALUATION_EXPIRED',
  'EVALUATION_WRONG_WINDOW', 'EVALUATION_NOT_REQUESTED', 'NOT_A_CLERK', 'WEAK_PASSWORD',
] as const;

/** The i18n key for an error code, or null to show the server's own message. */
export function errorKey(code: string): string | null {
  return (KNOWN_ERRORS as readonly string[]).includes(code) ? `errors.${code}` : null;
}
