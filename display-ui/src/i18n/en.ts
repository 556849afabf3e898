import type zh from './zh-CN.ts';

const en: typeof zh = {
  app: { title: 'OneWindow', switchTo: '中', switchLabel: '切换到中文' },
  common: { minutes: '{n} min', people: '{n}', since: 'since {time}', loading: 'Loading…', retry: 'Retry', none: 'none' },
  conn: { offline: 'Offline · reconnecting', connecting: 'Connecting', unauthorized: 'Access revoked' },
  pairing: {
    title: 'This screen is not paired', titleWindow: 'This window screen is not paired',
    help: 'Add this screen under Devices in the admin console, then enter its pairing code here, or open this page with #pair=CODE.',
    helpWindow: 'In the admin console (/display/supervisor/ → Devices) add a "Window screen" bound to window {window} and enter its pairing code here, or open …/display/window/{window}#pair=CODE in this tab; no reload needed.',
    code: 'Pairing code', submit: 'Pair', busy: 'Pairing…', wrongKind: 'This code belongs to a "{kind}" device, not to this screen',
    unpaired: 'This screen was unpaired: pair it again.',
  },
  caller: {
    nowCalling: 'Now calling', recent: 'Recent calls', waiting: 'Waiting', goTo: 'Go to', arrow: '→', noCalls: 'No calls yet',
    waitingCount: '{n}', unit: '', recall: 'Recall',
    mark: { green: 'Priority', booked: 'Booked' },
  },
  speech: {
    fallback: 'No voice: announcing with a chime and a flash (check the server voice, or install a zh-CN voice)',
    audioFailed: 'The server voice failed: the browser voice or the chime stood in',
    needsGesture: 'The browser holds sound: click the screen once, or start it with --autoplay-policy=no-user-gesture-required',
    detecting: 'Looking for a voice…',
    speaking: 'Announcing',
  },
  window: {
    staff: 'Staff', calling: 'please come to this window', callPrefix: 'No.', callSuffix: '',
    serving: 'Now serving', idle: 'Welcome', idleSub: 'Please watch for your number', paused: 'Paused', pausedSub: 'Back shortly',
    closed: 'Closed', closedSub: 'Please go to another window', boundTo: 'This screen is bound to {id}',
  },
  signin: {
    title: 'Supervisors\' wall', username: 'Username', password: 'Password', submit: 'Sign in', busy: 'Signing in…',
    roleRequired: 'A supervisor or admin account is required', signOut: 'Sign out', changePassword: 'Change password',
  },
  password: {
    title: 'Change password', required: 'This is the generated first password: set your own before using the console.',
    rule: 'At least 10 characters, of at least two kinds (letters, digits, symbols); not your username, not a run such as 1234567890, not a common password.',
    current: 'Current password', new: 'New password', again: 'New password again', submit: 'Save the new password', cancel: 'Cancel', mismatch: 'The two new passwords differ',
    done: 'Password changed; your sessions on other devices were signed out',
    problems: {
      TOO_SHORT: 'shorter than 10', TOO_FEW_KINDS: 'needs two of letters, digits, symbols', SAME_AS_USERNAME: 'same as the username',
      REPEATED_OR_RUN: 'repeated or running characters', COMMON: 'a common password', SAME_AS_CURRENT: 'same as the current one',
    },
  },
  nav: { wall: 'Wall', reports: 'Reports', followUps: 'Follow-ups', notifications: 'Messages', bookings: 'Bookings', whatIf: 'What if', admin: 'Admin' },
  wall: {
    services: 'Queues', windows: 'Windows', alerts: 'Alerts', noAlerts: 'No open alerts',
    service: 'Service', waiting: 'Waiting', longest: 'Longest', estimate: 'Estimate', target: 'Target', open: 'Open',
    totals: { waiting: 'Waiting', open: 'Open windows', busy: 'Busy', served: 'Seen today', over: 'Over target' },
    phase: { calling: 'Calling', serving: 'Serving', idle: 'Idle', paused: 'Paused', closed: 'Closed' },
    servingFor: '{number} · for {d}', callingFor: '{number} · called {d} ago', idleFor: 'idle {d}', pausedFor: '{reason} · {d}',
    closedSince: 'closed since {time}', served: 'seen {n}', held: 'held {list}', green: 'Priority',
    ack: 'Acknowledge', acking: 'Acknowledging…', ackFailed: 'Could not acknowledge: {msg}',
    chartFlow: 'Arrivals and served today (per 15 min)', chartWait: 'Mean wait against target (min)', chartSat: 'Satisfaction today',
    satisfied: 'Satisfied {p}', noRatings: 'No ratings today', noData: 'No data yet', statsError: 'Statistics failed to load: {msg}',
  },
  alertKind: { other: 'Alert' },
  level: { info: 'Info', warning: 'Warning', critical: 'Critical' },
  chart: {
    arrivals: 'Arrivals', served: 'Served', meanWait: 'Mean wait', target: 'Target', minutes: 'min', people: 'people',
    scores: { 5: 'Very satisfied', 4: 'Satisfied', 3: 'Fair', 2: 'Dissatisfied', 1: 'Very dissatisfied' },
  },
  placeholder: { reports: 'Reports', followUps: 'Follow-ups', admin: 'Administration', soon: 'This section is being built.' },
  errors: {
    NETWORK: 'Cannot reach the server', BAD_CREDENTIALS: 'Wrong username or password', USER_DISABLED: 'This account is disabled',
    PAIRING_CODE_INVALID: 'This pairing code is unknown, used or expired', UNAUTHORIZED: 'Signed out: please sign in again', FORBIDDEN: 'Not allowed',
    UNKNOWN_ALERT: 'No such alert', VALIDATION_FAILED: 'Invalid input', WEAK_PASSWORD: 'The password is too weak', PASSWORD_CHANGE_REQUIRED: 'Change the first password first',
    LAST_ADMIN: 'This is the last enabled admin: add another admin first', STORE_UNAVAILABLE: 'The server cannot store data (disk full or failing): call the technician', FST_ERR_RATE_LIMITED: 'Too many attempts: try again shortly', unknown: 'Something went wrong ({code})',
  },
};
export default en;
