import type { Component } from 'vue';
import type { SupervisorSection } from '../../lib/route.ts';
import WallView from './WallView.vue';
import ReportsView from './ReportsView.vue';
import FollowUpsView from './FollowUpsView.vue';
import AdminView from './AdminView.vue';
import BookingsView from './BookingsView.vue';
import WhatIfView from './WhatIfView.vue';
import NotificationsView from './NotificationsView.vue';

/**
 * The supervisors' app: one entry per section, in navigation order. Each view is a route-level
 * component; `roles` limits who sees the tab (an admin sees everything a supervisor sees).
 */
export interface SectionDef { id: SupervisorSection; label: string; component: Component; roles: ('supervisor' | 'admin')[] }

export const SECTIONS: SectionDef[] = [
  { id: 'wall', label: 'nav.wall', component: WallView, roles: ['supervisor', 'admin'] },
  { id: 'reports', label: 'nav.reports', component: ReportsView, roles: ['supervisor', 'admin'] },
  { id: 'follow-ups', label: 'nav.followUps', component: FollowUpsView, roles: ['supervisor', 'admin'] },
  { id: 'notifications', label: 'nav.notifications', component: NotificationsView, roles: ['supervisor', 'admin'] },
  { id: 'bookings', label: 'nav.bookings', component: BookingsView, roles: ['supervisor', 'admin'] },
  { id: 'what-if', label: 'nav.whatIf', component: WhatIfView, roles: ['supervisor', 'admin'] },
  { id: 'admin', label: 'nav.admin', component: AdminView, roles: ['admin'] },
];
