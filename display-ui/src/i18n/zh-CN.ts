export default {
  app: { title: '一窗', switchTo: 'EN', switchLabel: 'Switch to English' },
  common: { minutes: '{n} 分钟', people: '{n} 人', since: '自 {time}', loading: '加载中…', retry: '重试', none: '无' },
  conn: {
    offline: '离线 · 正在重连', connecting: '正在连接', unauthorized: '授权已失效',
  },
  pairing: {
    title: '本屏尚未配对', titleWindow: '窗口屏尚未配对',
    help: '请在管理台“设备”中添加此屏，然后输入配对码；或以 #pair=配对码 打开本页。',
    helpWindow: '在管理台（/display/supervisor/ →“设备”）添加一台“窗口屏”，绑定窗口 {window}，把它的配对码输入这里；或在本标签页打开 …/display/window/{window}#pair=配对码，无需刷新。',
    code: '配对码', submit: '配对', busy: '正在配对…', wrongKind: '此配对码属于“{kind}”设备，不能用于本屏',
    unpaired: '此屏的授权已被撤销，请重新配对。',
  },
  caller: {
    nowCalling: '正在呼叫', recent: '最近呼叫', waiting: '等候人数', goTo: '请到', arrow: '→', noCalls: '暂无呼叫',
    waitingCount: '{n}', unit: '人', recall: '重呼',
  },
  speech: {
    fallback: '语音不可用：以提示音和画面闪烁提示（请检查服务器语音，或安装 zh-CN 语音包）',
    audioFailed: '服务器语音暂不可用，已改用本机语音或提示音',
    needsGesture: '浏览器暂停了声音：请点击屏幕一次，或以 --autoplay-policy=no-user-gesture-required 启动',
    detecting: '正在检测语音…',
    speaking: '正在播报',
  },
  window: {
    staff: '工作人员', calling: '请到本窗口办理', callPrefix: '请', callSuffix: '号',
    serving: '正在办理', idle: '欢迎光临', idleSub: '请留意叫号', paused: '暂停服务', pausedSub: '请稍候',
    closed: '暂停办理', closedSub: '本窗口暂未开放，请到其他窗口办理', boundTo: '本屏绑定的是 {id}',
  },
  signin: {
    title: '主管监控台', username: '用户名', password: '密码', submit: '登录', busy: '正在登录…',
    roleRequired: '需要主管或管理员账号', signOut: '退出', changePassword: '修改密码',
  },
  password: {
    title: '修改密码', required: '这是系统生成的初始密码：请先设置您自己的密码，再使用监控台。',
    rule: '至少 10 位，包含字母、数字、符号中的至少两类；不能与用户名相同，不能是 1234567890 之类的连续字符或常见密码。',
    current: '当前密码', new: '新密码', again: '再次输入新密码', submit: '保存新密码', cancel: '取消', mismatch: '两次输入的新密码不一致',
    done: '密码已修改，其他设备上的登录已退出',
    problems: {
      TOO_SHORT: '少于 10 位', TOO_FEW_KINDS: '字母、数字、符号至少要有两类', SAME_AS_USERNAME: '与用户名相同',
      REPEATED_OR_RUN: '是重复或连续的字符', COMMON: '是常见密码', SAME_AS_CURRENT: '与当前密码相同',
    },
  },
  nav: { wall: '总览', reports: '报表', followUps: '回访', notifications: '通知', bookings: '预约', whatIf: '推演', admin: '管理' },
  wall: {
    services: '业务排队', windows: '窗口状态', alerts: '告警', noAlerts: '当前没有未处理的告警',
    service: '业务', waiting: '等候', longest: '最长等候', estimate: '预计等候', target: '目标', open: '开放窗口',
    totals: { waiting: '等候总数', open: '开放窗口', busy: '办理中', served: '今日接待', over: '超时业务' },
    phase: { calling: '呼叫中', serving: '办理中', idle: '空闲', paused: '暂停', closed: '关闭' },
    servingFor: '{number} · 办理 {d}', callingFor: '{number} · 已呼 {d}', idleFor: '空闲 {d}', pausedFor: '{reason} · {d}',
    closedSince: '自 {time} 关闭', served: '接待 {n}', held: '挂起 {list}', green: '绿色通道',
    ack: '确认', acking: '确认中…', ackFailed: '确认失败：{msg}',
    chartFlow: '今日取号与办件（每15分钟）', chartWait: '平均等候与目标（分钟）', chartSat: '今日满意度',
    satisfied: '满意率 {p}', noRatings: '今日暂无评价', noData: '暂无数据', statsError: '统计数据加载失败：{msg}',
  },
  alertKind: { other: '告警' },
  level: { info: '提示', warning: '警告', critical: '严重' },
  chart: {
    arrivals: '取号', served: '办件', meanWait: '平均等候', target: '目标', minutes: '分钟', people: '人',
    scores: { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' },
  },
  placeholder: { reports: '报表', followUps: '回访', admin: '管理', soon: '此模块正在建设中。' },
  errors: {
    NETWORK: '无法连接服务器', BAD_CREDENTIALS: '用户名或密码错误', USER_DISABLED: '此账号已停用',
    PAIRING_CODE_INVALID: '配对码无效、已使用或已过期', UNAUTHORIZED: '登录已失效，请重新登录', FORBIDDEN: '没有权限',
    UNKNOWN_ALERT: '告警不存在', VALIDATION_FAILED: '输入有误', WEAK_PASSWORD: '密码太弱', PASSWORD_CHANGE_REQUIRED: '请先修改初始密码',
    LAST_ADMIN: '这是最后一个启用的管理员，请先添加另一位管理员', STORE_UNAVAILABLE: '服务器无法保存数据（磁盘已满或故障），请联系技术人员', FST_ERR_RATE_LIMITED: '尝试过于频繁，请稍后再试', unknown: '出错了（{code}）',
  },
};
