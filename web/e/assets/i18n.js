// Every UI string of the public pages in English and Chinese, and the chosen
// language (browser preference first, then what the visitor picked, kept in
// localStorage).

const strings = {
  en: {
    app_title: 'Plenary',
    skip_to_content: 'Skip to content',
    switch_language: 'Switch language',
    other_language: '中文',
    loading: 'Loading…',
    page_not_found: 'This page does not exist.',
    event_not_found: 'This event does not exist or is not published yet.',
    error_network: 'The server cannot be reached. Check your connection and try again.',
    error_generic: 'Something went wrong: {detail}',
    error_busy: 'The server is busy. Please try again in a moment.',
    error_rate_limited: 'Too many registrations from your network. Please try again in {n} seconds.',
    errors_summary: 'Please correct {n} problems:',
    errors_summary_one: 'Please correct this problem:',
    // event page
    when: 'When',
    where: 'Where',
    times_note: 'All times are in the event’s time zone, {zone} ({offset}).',
    agenda_title: 'Agenda',
    no_sessions: 'The agenda will be published soon.',
    speakers: 'Speakers',
    room: 'Room',
    topic: 'Topic',
    signup_needed: 'Sign-up needed',
    seats_left: '{n} seats left',
    seats_left_one: '1 seat left',
    session_full: 'full — you will join the waiting list',
    role_moderator: 'moderator',
    role_panelist: 'panelist',
    kind_plenary: 'Plenary',
    kind_keynote: 'Keynote',
    kind_panel: 'Panel',
    kind_roundtable: 'Round-table',
    kind_workshop: 'Workshop',
    kind_ceremony: 'Ceremony',
    kind_break: 'Break',
    kind_other: 'Session',
    // registration state
    register_title: 'Register',
    register_now: 'Register now',
    places_left: '{n} places left.',
    places_left_one: '1 place left.',
    event_full: 'The event is full: new registrations join the waiting list.',
    reg_not_open: 'Registration is not open yet.',
    reg_opens_at: 'Registration opens on {date}.',
    reg_closed: 'Registration is closed.',
    reg_closes_at: 'Registration closes on {date}.',
    approval_note: 'The organizers review every registration; you will hear from them by email.',
    // form
    required: 'required',
    name: 'Full name',
    email: 'Email',
    email_hint: 'We send your confirmation and ticket here.',
    organization: 'Organization',
    country: 'Country or region',
    choose_country: 'Choose…',
    countries_failed: 'The list of countries could not be loaded; reload the page to try again.',
    language: 'Language for emails',
    lang_en: 'English',
    lang_zh: '中文 (Chinese)',
    questions_title: 'A few questions',
    sessions_legend: 'Sessions that need sign-up',
    sessions_hint: 'Choose the sessions you want to attend.',
    submit_register: 'Register',
    sending: 'Sending…',
    // manage page
    manage_title: 'Your registration',
    thanks_title: 'Thank you for registering',
    status: 'Status',
    status_confirmed: 'Confirmed: your place is reserved.',
    status_waitlisted: 'You are on the waiting list, position {n}.',
    status_waitlisted_plain: 'You are on the waiting list.',
    status_pending: 'Waiting for approval by the organizers.',
    status_cancelled: 'Cancelled.',
    status_rejected: 'Declined by the organizers.',
    ticket_title: 'Your ticket',
    ticket_code: 'Ticket code',
    qr_label: 'QR code of ticket {code}',
    ticket_hint: 'Show this QR code at the entrance.',
    ticket_not_yet: 'Your ticket is valid for entry once your place is confirmed.',
    ticket_failed: 'The QR code could not be loaded; the ticket code above works as well.',
    link_title: 'Your private link',
    link_note: 'Bookmark this page or copy the link below: it is the only way to see, change or cancel your registration. Keep it private — anyone who has it can change your registration.',
    link_label: 'Private link',
    copy_link: 'Copy link',
    link_copied: 'Link copied.',
    copy_failed: 'Copying did not work; select the link and copy it yourself.',
    my_sessions: 'Your sessions',
    no_chosen_sessions: 'You have not signed up for any session.',
    session_confirmed: 'Confirmed',
    session_waitlisted: 'Waiting list, position {n}',
    session_waitlisted_plain: 'Waiting list',
    session_pending: 'Pending',
    download_ics: 'Download my sessions (.ics)',
    download_failed: 'The calendar file could not be downloaded. Please try again.',
    details_title: 'Your details',
    answers_title: 'Your answers',
    yes: 'Yes',
    no: 'No',
    not_answered: '—',
    change_registration: 'Change registration',
    save_changes: 'Save changes',
    close_form: 'Close without saving',
    changes_saved: 'Your changes are saved.',
    cancel_title: 'Cancel registration',
    cancel_button: 'Cancel my registration',
    cancel_confirm: 'Do you really want to cancel? Your place goes to someone else, and this cannot be undone.',
    cancel_yes: 'Yes, cancel my registration',
    cancel_no: 'No, keep my registration',
    cancelled_done: 'Your registration is cancelled.',
    register_again: 'Register again',
    back_to_event: 'Event page',
    token_missing: 'This link is incomplete. Please open the full private link from your confirmation email.',
    token_invalid: 'This link is not valid or no longer works. Please open the private link from your most recent confirmation email.',
  },
  zh: {
    app_title: 'Plenary',
    skip_to_content: '跳到正文',
    switch_language: '切换语言',
    other_language: 'English',
    loading: '加载中…',
    page_not_found: '此页面不存在。',
    event_not_found: '此活动不存在或尚未发布。',
    error_network: '无法连接服务器，请检查网络后重试。',
    error_generic: '出现错误：{detail}',
    error_busy: '服务器繁忙，请稍后重试。',
    error_rate_limited: '您所在网络的报名次数过多，请在 {n} 秒后重试。',
    errors_summary: '有 {n} 处需要修改：',
    errors_summary_one: '有 1 处需要修改：',
    when: '时间',
    where: '地点',
    times_note: '所有时间均为活动所在时区 {zone}（{offset}）的时间。',
    agenda_title: '议程',
    no_sessions: '议程即将公布。',
    speakers: '发言人',
    room: '会议室',
    topic: '议题',
    signup_needed: '需报名',
    seats_left: '剩余 {n} 个座位',
    seats_left_one: '剩余 1 个座位',
    session_full: '已满——您将进入候补名单',
    role_moderator: '主持人',
    role_panelist: '嘉宾',
    kind_plenary: '全体会议',
    kind_keynote: '主旨演讲',
    kind_panel: '专题讨论',
    kind_roundtable: '圆桌会议',
    kind_workshop: '工作坊',
    kind_ceremony: '仪式',
    kind_break: '休息',
    kind_other: '会议',
    register_title: '报名',
    register_now: '立即报名',
    places_left: '剩余 {n} 个名额。',
    places_left_one: '剩余 1 个名额。',
    event_full: '名额已满：新的报名将进入候补名单。',
    reg_not_open: '报名尚未开始。',
    reg_opens_at: '报名将于 {date} 开始。',
    reg_closed: '报名已截止。',
    reg_closes_at: '报名将于 {date} 截止。',
    approval_note: '主办方会审核每份报名，结果将通过电子邮件通知您。',
    required: '必填',
    name: '姓名',
    email: '电子邮箱',
    email_hint: '确认信和入场凭证将发送到此邮箱。',
    organization: '单位',
    country: '国家或地区',
    choose_country: '请选择…',
    countries_failed: '国家列表加载失败，请刷新页面重试。',
    language: '邮件语言',
    lang_en: 'English（英文）',
    lang_zh: '中文',
    questions_title: '几个问题',
    sessions_legend: '需报名的分会场',
    sessions_hint: '请选择您要参加的分会场。',
    submit_register: '提交报名',
    sending: '提交中…',
    manage_title: '您的报名',
    thanks_title: '感谢您的报名',
    status: '状态',
    status_confirmed: '已确认：已为您保留名额。',
    status_waitlisted: '您在候补名单中，排第 {n} 位。',
    status_waitlisted_plain: '您在候补名单中。',
    status_pending: '等待主办方审核。',
    status_cancelled: '已取消。',
    status_rejected: '主办方未通过您的报名。',
    ticket_title: '入场凭证',
    ticket_code: '凭证编号',
    qr_label: '凭证 {code} 的二维码',
    ticket_hint: '入场时请出示此二维码。',
    ticket_not_yet: '名额确认后，此凭证方可用于入场。',
    ticket_failed: '二维码加载失败；也可使用上面的凭证编号。',
    link_title: '您的专属链接',
    link_note: '请收藏本页或复制下面的链接：这是查看、修改或取消报名的唯一途径。请勿外传——任何持有此链接的人都能修改您的报名。',
    link_label: '专属链接',
    copy_link: '复制链接',
    link_copied: '链接已复制。',
    copy_failed: '复制失败，请手动选中链接并复制。',
    my_sessions: '您的分会场',
    no_chosen_sessions: '您尚未报名任何分会场。',
    session_confirmed: '已确认',
    session_waitlisted: '候补第 {n} 位',
    session_waitlisted_plain: '候补',
    session_pending: '待定',
    download_ics: '下载我的日程（.ics）',
    download_failed: '日历文件下载失败，请重试。',
    details_title: '您的信息',
    answers_title: '您的回答',
    yes: '是',
    no: '否',
    not_answered: '—',
    change_registration: '修改报名',
    save_changes: '保存修改',
    close_form: '不保存并关闭',
    changes_saved: '您的修改已保存。',
    cancel_title: '取消报名',
    cancel_button: '取消我的报名',
    cancel_confirm: '确定要取消吗？您的名额将让给他人，且无法撤销。',
    cancel_yes: '确定取消报名',
    cancel_no: '不，保留我的报名',
    cancelled_done: '您的报名已取消。',
    register_again: '重新报名',
    back_to_event: '活动页面',
    token_missing: '此链接不完整，请打开确认邮件中的完整专属链接。',
    token_invalid: '此链接无效或已失效，请打开最新确认邮件中的专属链接。',
  },
};

const storage_key = 'plenary.public.lang';

function stored_language() {
  try {
    return localStorage.getItem(storage_key);
  } catch {
    return null;  // storage can be disabled; the browser preference still works
  }
}

// The first of the visitor's preferred languages that we have.
function preferred_language() {
  const list = navigator.languages?.length ? navigator.languages : [navigator.language ?? 'en'];
  for (const tag of list) {
    const lower = String(tag).toLowerCase();
    if (lower.startsWith('zh')) return 'zh';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export class i18n {
  constructor() {
    const saved = stored_language();
    this.lang = saved in strings ? saved : preferred_language();
    this.t = this.t.bind(this);
    this.pick = this.pick.bind(this);
  }

  set_language(lang) {
    if (!(lang in strings)) return;
    this.lang = lang;
    try {
      localStorage.setItem(storage_key, lang);
    } catch {
      // not remembered across visits, but the switch itself still works
    }
  }

  other() {
    return this.lang === 'en' ? 'zh' : 'en';
  }

  html_lang(lang = this.lang) {
    return lang === 'zh' ? 'zh-CN' : 'en';
  }

  t(key, vars = {}) {
    const text = strings[this.lang][key] ?? strings.en[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
  }

  // A bilingual API text in the current language, falling back to the other.
  pick(text) {
    if (!text || typeof text !== 'object') return text ?? '';
    return text[this.lang] || text[this.other()] || '';
  }

  // Which language pick() used, so the element can carry the right lang attribute.
  picked_lang(text) {
    if (!text || typeof text !== 'object' || text[this.lang]) return this.lang;
    return text[this.other()] ? this.other() : this.lang;
  }

  country_name(code) {
    if (!code) return '';
    // One formatter per language: the country list asks about 250 times per render.
    this.region_names ??= {};
    try {
      this.region_names[this.lang] ??= new Intl.DisplayNames([this.html_lang()], { type: 'region' });
      return this.region_names[this.lang].of(code) ?? code;
    } catch {
      return code;  // a code Intl does not know is still worth showing
    }
  }
}
