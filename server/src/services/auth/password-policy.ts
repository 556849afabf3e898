/**
 * The hall's minimum for a person's password (GB/T 22239 asks for "complexity"; this is the floor a
 * hall can live with at a counter): at least 10 characters of at least two kinds (letters, digits,
 * other), not the username, not one character repeated or a run like 1234567890 or abcdefghij, and
 * not one of the passwords every guesser tries first. Pure.
 */
export const MIN_PASSWORD_LENGTH = 10;

export type PasswordProblem = 'TOO_SHORT' | 'TOO_FEW_KINDS' | 'SAME_AS_USERNAME' | 'REPEATED_OR_RUN' | 'COMMON';

/** The first guesses of every dictionary attack, lower case (ten characters or more only: shorter ones fail anyway). */
const COMMON = new Set([
  '1234567890', '0123456789', '12345678910', '1234567890a', 'a1234567890', 'qwertyuiop', 'qwerty123456', '1qaz2wsx3edc',
  'password1!', 'password12', 'password123', 'passw0rd123', 'admin12345', 'admin123456', 'administrator', 'iloveyou123',
  'woaini1314', 'woaini520', '5201314520', 'abc1234567', 'abcd123456', 'a123456789', 'aa123456789', 'qq123456789',
  '123456789a', '123456abc', '1q2w3e4r5t', 'zxcvbnm123', 'asdfghjkl1', 'welcome123', 'changeme123', 'onewindow1',
  'onewindow123', 'yichuang123', 'zhengwu123', 'p@ssw0rd123', 'admin@123456', 'root123456', 'test123456',
]);

const RUNS = ['0123456789012345678901234567890', 'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm'];

/** What is wrong with a password, in the order a person fixes it; empty when it is good enough. */
export function passwordProblems(password: string, username?: string): PasswordProblem[] {
  const out: PasswordProblem[] = [];
  const lower = password.toLowerCase();
  if ([...password].length < MIN_PASSWORD_LENGTH) out.push('TOO_SHORT');
  const kinds = [/\p{L}/u, /\p{N}/u, /[^\p{L}\p{N}]/u].filter((re) => re.test(password)).length;
  if (kinds < 2) out.push('TOO_FEW_KINDS');
  if (username && lower === username.toLowerCase()) out.push('SAME_AS_USERNAME');
  if (/^(.)\1*$/su.test(password) || RUNS.some((r) => r.includes(lower) || [...r].reverse().join('').includes(lower))) out.push('REPEATED_OR_RUN');
  if (COMMON.has(lower)) out.push('COMMON');
  return out;
}

/** The policy in words, for error messages and the console's hint. */
export const PASSWORD_RULE = `at least ${MIN_PASSWORD_LENGTH} characters, of at least two kinds (letters, digits, other), not the username, not a run such as 1234567890, and not a common password`;
