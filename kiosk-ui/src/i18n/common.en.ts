export default {
  common: {
    appName: 'OneWindow',
    language: 'English',
    switchLanguage: '中文',
    ok: 'OK',
    back: 'Back',
    loading: 'Loading…',
  },
};
