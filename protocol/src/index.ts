export * from './schemas.ts';
export * from './events.ts';
export * from './appointments.ts';
export { isoLocal } from './time.ts';
export { readablePath, schemaProblems, type SchemaProblem } from './schema-errors.ts';
export { SCORE_LABELS, BAD_SCORE_MAX } from './evaluation.ts';
export { SeqTracker } from './seq.ts';
export { apiRequest, ApiError, type RequestOptions } from './http.ts';
