export default {
  nearby: { text: '附近的{hall}办理此事项约需 {n} 分钟，也可前往办理。' },
};
