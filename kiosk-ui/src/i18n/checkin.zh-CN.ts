export default {
  checkin: {
    byCode: '输入预约码',
    byPhone: '手机号 + 预约码后4位',
    codeHint: '预约码是 10 位数字，在预约成功的页面和短信里',
    phoneHint: '请输入预约时留的手机号，再输入预约码的最后 4 位',
    phone: '手机号',
    suffix: '预约码后4位',
    phonePlaceholder: '请输入手机号',
    suffixPlaceholder: '最后 4 位',
    mistyped: '预约码有误，请逐位核对',
    badPhone: '手机号应为 1 开头的 11 位数字',
    oldCode: '旧预约码含字母？点“ABC 字母”输入',
    voicePhone: '请输入预约时留的手机号，再输入预约码的最后四位。',
  },
  kiosk: {
    errors: {
      APPOINTMENT_CODE_MISTYPED: { title: '预约码有误', body: '这个预约码的最后一位校验不通过，请对照预约短信逐位核对后再输入。' },
      TOO_MANY_ATTEMPTS: { title: '尝试次数过多', body: '请稍后再试，或带着预约短信到导服台办理签到。' },
    },
  },
};
