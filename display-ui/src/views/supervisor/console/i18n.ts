import { ApiError } from '@onewindow/protocol';
import { errorText, i18n } from '../../../i18n/index.ts';
import zh from './zh-CN.ts';
import en from './en.ts';

// The console keeps its messages apart from the shell's: merged once, when the console first loads.
i18n.global.mergeLocaleMessage('zh-CN', zh);
i18n.global.mergeLocaleMessage('en', en);

/** An error from the API (or the network) in words, the console's own codes first. */
export function consoleError(e: unknown): string {
  // Anything but an ApiError is a fault here, in the page: say so rather than blame the network.
  const err = e instanceof ApiError ? e : new ApiError(0, 'CLIENT_ERROR', String(e));
  const key = `consoleErrors.${err.code}`;
  return i18n.global.te(key) ? String(i18n.global.t(key)) : errorText(err.code, err.message);
}
