/** Shapes of the counter's own server answers (the window summary, a visit's timeline): defined in @onewindow/protocol. */
export type { RecentStep, Timeline, TimelineEntry, TimelinePhase, WaitingGroup, WindowSummary } from '@onewindow/protocol';
