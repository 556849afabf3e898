import type { FollowUpView } from '@onewindow/protocol/endpoints';

/** GET /api/follow-ups, as the console reads it: the shape lives in @onewindow/protocol. */
export type FollowUp = FollowUpView;
export type FollowUpStatus = FollowUp['status'];
