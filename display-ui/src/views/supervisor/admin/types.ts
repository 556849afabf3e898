/** The hall configuration as the admin console edits it (config.md); only what the console touches is typed. */
export interface ServiceConf { id: string; name: string; nameEn?: string; prefix: string; targetWaitSec: number; category?: string; appointment?: { slotMinutes: number; capacity: number }; [k: string]: unknown }
export interface WindowConf { id: string; name: string; nameEn?: string; skills: string[]; [k: string]: unknown }
export interface PrinterConf { type: 'network' | 'serial' | 'usb' | 'lp' | 'agent' | 'file' | 'none'; host?: string; port?: number; serial?: { path: string; baudRate?: number }; lp?: { path: string }; file?: { path: string }; width?: number; [k: string]: unknown }
export interface KioskConf { id: string; name: string; services?: string[]; printer?: PrinterConf; [k: string]: unknown }
export interface HoursConf { days: string[]; open: string; close: string }
export interface HallConf {
  hall: { name: string; timezone: string; hours: HoursConf[]; dailyReset: string; holidays?: string[]; notice?: string; noticeEn?: string; [k: string]: unknown };
  services: ServiceConf[];
  windows: WindowConf[];
  kiosks?: KioskConf[];
  announcement?: { template: string; repeat?: number };
  [k: string]: unknown;
}
export interface Problem { path: string; message: string }
export interface ConfigAnswer { config: HallConf; version: string; file: string | null; writable: boolean }
export interface ApplyAnswer { version: string; changes: string[]; restartRequired: string[] }
