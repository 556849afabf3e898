// Shared words of every page in this app. Features keep their own words in <feature>.<locale>.ts.
export default {
  common: {
    appName: '一窗',
    language: '中文',
    switchLanguage: 'English',
    ok: '知道了',
    back: '返回',
    loading: '正在加载…',
  },
};
