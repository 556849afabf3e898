/** What the caller screens say when a ticket is called, unless the hall file says otherwise. */
export const DEFAULT_ANNOUNCEMENT: { readonly template: string; readonly repeat: number } = { template: '请{number}号到{window}办理', repeat: 2 };

/** What English screens say, unless the hall file's `announcement.templateEn` says otherwise. */
export const DEFAULT_ANNOUNCEMENT_EN = 'Number {number}, please go to {window}';

/** The hall's announcement settings, the defaults filling what its file leaves out. */
export function announcementOf(c: { announcement?: { template?: string; repeat?: number } }): { template: string; repeat: number } {
  return { template: c.announcement?.template ?? DEFAULT_ANNOUNCEMENT.template, repeat: c.announcement?.repeat ?? DEFAULT_ANNOUNCEMENT.repeat };
}

/** "请A012号到1号综合窗口办理" from the template. */
export function announce(template: string, number: string, windowName: string): string {
  return template.replaceAll('{number}', number).replaceAll('{window}', windowName);
}
