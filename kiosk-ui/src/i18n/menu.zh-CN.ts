export default {
  menu: {
    moreBelow: '下面还有 {n} 项业务，点此查看',
    moreAbove: '上面还有 {n} 项业务',
    noVoice: '本机暂无中文语音，无法语音提示。请看屏幕上的文字，需要帮助请到导服台。',
  },
};
