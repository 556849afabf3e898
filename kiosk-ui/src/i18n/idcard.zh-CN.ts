// Real-name tickets at the kiosk (实名取号): the ID-card step and its refusals.
export default {
  idcard: {
    heading: '请放置身份证',
    required: '“{service}”需要实名取号',
    optional: '“{service}”可以实名取号',
    place: '请将本人二代身份证平放在读卡区',
    waiting: '正在等待读卡…',
    read: '已读取身份证',
    holder: '持证人',
    idNumber: '证件号码',
    confirm: '以此身份取号',
    again: '不是本人，重新读卡',
    skip: '不刷身份证，直接取号',
    noCard: '没有带身份证？请到导服台办理。',
    privacy: '证件号码只用于核验身份，不会显示在屏幕上。',
    issuedFor: '实名：{name}',
    voice: {
      place: '请将身份证放在读卡区。',
      read: '已读取身份证，请确认后取号。',
    },
    errors: {
      REAL_NAME_REQUIRED: { title: '这项业务需要实名取号', body: '请把本人身份证放在读卡区后再取号。没有带身份证，请到导服台办理。' },
      ONE_TICKET_PER_PERSON: { title: '您今天已取过这项业务的号', body: '每人每项业务每天只能取一个号。请留意叫号屏幕，按已取的号码办理；有疑问请到导服台。' },
      ID_CARD_EXPIRED: { title: '读卡已失效', body: '读卡后停留太久，请把身份证重新放在读卡区。' },
      ID_CARD_UNREADABLE: { title: '身份证没有读出来', body: '请把身份证平放在读卡区，不要移动，再试一次。仍然读不出，请到导服台。' },
      READER_OFFLINE: { title: '读卡器暂时不能使用', body: '请到导服台，工作人员会帮您实名取号。' },
    },
  },
};
