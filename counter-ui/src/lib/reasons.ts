// Why a visitor was unhappy (1–2) is one list for the whole hall: REVIEW_REASONS in @onewindow/protocol.

/** The three national sub-aspects (GB/T 39734): 服务效率, 服务水平, 服务态度. */
export const ASPECTS = ['efficiency', 'competence', 'attitude'] as const;
export type Aspect = (typeof ASPECTS)[number];

/** Pause reasons a clerk picks from (free text is allowed too). */
export const PAUSE_REASONS = ['lunch', 'break', 'meeting', 'consult', 'system', 'other'] as const;
