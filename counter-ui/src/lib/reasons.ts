/** Why a visitor was unhappy (1–2): codes sent to the server, labels in the i18n files. */
export const BAD_REASONS = ['wait', 'slow', 'attitude', 'unclear', 'repeat', 'unprofessional', 'rules', 'other'] as const;
export type BadReason = (typeof BAD_REASONS)[number];

/** The three national sub-aspects (GB/T 39734): 服务效率, 服务水平, 服务态度. */
export const ASPECTS = ['efficiency', 'competence', 'attitude'] as const;
export type Aspect = (typeof ASPECTS)[number];

/** Pause reasons a clerk picks from (free text is allowed too). */
export const PAUSE_REASONS = ['lunch', 'break', 'meeting', 'consult', 'system', 'other'] as const;
