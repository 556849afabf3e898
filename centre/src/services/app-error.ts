/** A refusal with an HTTP status and a stable code (api.md's error shape). */
export class AppError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: unknown) {
    super(message);
    this.name = 'AppError';
  }
}
