/**
 * The reason codes a pad offers for a bad review, in the words the provincial platform takes.
 * The same vocabulary as the pads (counter-ui's list); an unknown code passes through as it is.
 */
export const REASONS: Record<string, string> = {
  wait: '等候时间长', slow: '办理效率低', attitude: '服务态度差', unclear: '告知不清楚', repeat: '需要多次跑',
  unprofessional: '业务不熟练', rules: '不按规定办理', other: '其他',
};

export const reasonNames = (codes: readonly string[]) => codes.map((c) => REASONS[c] ?? c);
