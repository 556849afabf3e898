/** GET /api/follow-ups, as the console reads it (server: follow-ups.routes.ts). */
export type FollowUpStatus = 'open' | 'called-back' | 'resolved';
export interface FollowUp {
  id: string; evaluationId: string; ticketId: string; number: string; day: string;
  serviceId: string; serviceName: string; windowId: string; windowName: string; clerkId: string | null; clerkName: string | null;
  score: number; label: string; reasons: string[]; comment: string | null; contact: string | null;
  status: FollowUpStatus; ratedAt: string; openedAt: string; calledBackAt: string | null; resolvedAt: string | null;
  callBackDue: string | null; resolveDue: string | null; overdue: ('call-back' | 'resolution')[];
  notes: { at: string; by: string; status: FollowUpStatus; note: string }[];
}
