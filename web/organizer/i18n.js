// Every UI string in English and Chinese, and the chosen language (navigator
// default, remembered in localStorage).

import { registration_strings } from './i18n_registrations.js';

const strings = {
  en: {
    app_title: 'Plenary organizer',
    skip_to_content: 'Skip to content',
    switch_language: 'Switch language',
    other_language: '中文',
    sign_out: 'Sign out',
    signed_in_as: 'Signed in as {name}',
    nav_events: 'Events',
    loading: 'Loading…',
    // sign in
    signin_title: 'Sign in',
    email: 'Email',
    password: 'Password',
    signin_submit: 'Sign in',
    signin_failed: 'Wrong email or password.',
    too_many_attempts: 'Too many attempts, try again in {n} s.',
    signed_out: 'You are signed out.',
    // errors
    errors_summary: '{n} problems need attention:',
    errors_summary_one: 'One problem needs attention:',
    error_generic: 'Something went wrong: {detail}',
    error_network: 'The server cannot be reached. Check the connection and try again.',
    error_forbidden: 'You may not change this event.',
    error_not_found: 'Not found.',
    error_busy: 'The server is busy; try again in a moment.',
    // event list
    events_title: 'Events',
    new_event: 'New event',
    no_events: 'No events yet. Create the first one.',
    col_title: 'Title',
    col_slug: 'Slug',
    col_dates: 'Dates',
    col_status: 'Status',
    status_draft: 'Draft',
    status_published: 'Published',
    status_closed: 'Closed',
    // event editor
    new_event_title: 'New event',
    edit_event_title: 'Event: {title}',
    event_details: 'Event details',
    slug: 'Slug (web address)',
    slug_hint: 'Lower-case letters, digits and dashes, e.g. forum-2026.',
    title_en: 'Title (English)',
    title_zh: 'Title (Chinese)',
    description_en: 'Description (English)',
    description_zh: 'Description (Chinese)',
    venue: 'Venue',
    timezone: 'Time zone',
    timezone_hint: 'An IANA time zone such as Asia/Shanghai.',
    starts_at: 'Starts',
    ends_at: 'Ends',
    time_hint: 'Local time in {zone} (UTC{offset}).',
    time_hint_unknown: 'Local time in the event’s time zone.',
    capacity: 'Capacity',
    capacity_hint: 'Leave empty for no limit.',
    status: 'Status',
    requires_approval: 'Registrations need approval',
    save: 'Save',
    create_event: 'Create event',
    cancel: 'Cancel',
    event_created: 'Event created.',
    event_saved: 'Event saved.',
    back_to_events: 'All events',
    // rooms
    rooms_title: 'Rooms',
    no_rooms: 'No rooms yet.',
    room_name: 'Room name',
    room_capacity: 'Room capacity',
    add_room: 'Add room',
    save_room: 'Save room',
    delete_room: 'Delete room {name}',
    delete: 'Delete',
    room_saved: 'Room saved.',
    room_added: 'Room added.',
    room_deleted: 'Room deleted.',
    confirm_delete_room: 'Delete the room “{name}”?',
    // sessions
    agenda_title: 'Agenda',
    no_sessions: 'No sessions yet.',
    add_session: 'Add session',
    edit: 'Edit',
    edit_session_label: 'Edit session {title}',
    delete_session_label: 'Delete session {title}',
    confirm_delete_session: 'Delete the session “{title}”?',
    new_session_title: 'New session',
    edit_session_title: 'Edit session: {title}',
    session_title_en: 'Session title (English)',
    session_title_zh: 'Session title (Chinese)',
    kind: 'Kind',
    room: 'Room',
    room_hint: 'A room of this event; a new name adds the room.',
    session_capacity_hint: 'Leave empty to use the room’s capacity.',
    requires_signup: 'Attendees must sign up for this session',
    topic: 'Topic (round-tables)',
    save_session: 'Save session',
    session_saved: 'Session saved.',
    session_created: 'Session added.',
    session_deleted: 'Session deleted.',
    no_room: 'no room',
    warnings_title: 'Saved, but please check:',
    kind_plenary: 'Plenary',
    kind_keynote: 'Keynote',
    kind_panel: 'Panel',
    kind_roundtable: 'Round-table',
    kind_workshop: 'Workshop',
    kind_ceremony: 'Ceremony',
    kind_break: 'Break',
    kind_other: 'Other',
    // speakers
    speakers: 'Speakers',
    no_speakers: 'No speakers.',
    speaker_n: 'Speaker {n}',
    speaker_name: 'Name',
    speaker_org: 'Organization',
    speaker_country: 'Country code',
    speaker_role: 'Role',
    add_speaker: 'Add speaker',
    remove_speaker: 'Remove speaker {n}',
    role_speaker: 'Speaker',
    role_moderator: 'Moderator',
    role_panelist: 'Panelist',
  },
  zh: {
    app_title: 'Plenary 会议管理',
    skip_to_content: '跳到正文',
    switch_language: '切换语言',
    other_language: 'English',
    sign_out: '退出登录',
    signed_in_as: '当前用户：{name}',
    nav_events: '活动',
    loading: '加载中…',
    signin_title: '登录',
    email: '电子邮箱',
    password: '密码',
    signin_submit: '登录',
    signin_failed: '邮箱或密码错误。',
    too_many_attempts: '尝试次数过多，请在 {n} 秒后重试。',
    signed_out: '您已退出登录。',
    errors_summary: '有 {n} 处需要修改：',
    errors_summary_one: '有 1 处需要修改：',
    error_generic: '出现错误：{detail}',
    error_network: '无法连接服务器，请检查网络后重试。',
    error_forbidden: '您无权修改此活动。',
    error_not_found: '未找到。',
    error_busy: '服务器繁忙，请稍后重试。',
    events_title: '活动',
    new_event: '新建活动',
    no_events: '还没有活动，请创建第一个。',
    col_title: '标题',
    col_slug: '短名',
    col_dates: '日期',
    col_status: '状态',
    status_draft: '草稿',
    status_published: '已发布',
    status_closed: '已关闭',
    new_event_title: '新建活动',
    edit_event_title: '活动：{title}',
    event_details: '活动信息',
    slug: '短名（网址）',
    slug_hint: '小写字母、数字和连字符，例如 forum-2026。',
    title_en: '标题（英文）',
    title_zh: '标题（中文）',
    description_en: '简介（英文）',
    description_zh: '简介（中文）',
    venue: '地点',
    timezone: '时区',
    timezone_hint: 'IANA 时区，例如 Asia/Shanghai。',
    starts_at: '开始时间',
    ends_at: '结束时间',
    time_hint: '{zone} 当地时间（UTC{offset}）。',
    time_hint_unknown: '活动所在时区的当地时间。',
    capacity: '容量',
    capacity_hint: '留空表示不限。',
    status: '状态',
    requires_approval: '报名需要审核',
    save: '保存',
    create_event: '创建活动',
    cancel: '取消',
    event_created: '活动已创建。',
    event_saved: '活动已保存。',
    back_to_events: '全部活动',
    rooms_title: '会议室',
    no_rooms: '还没有会议室。',
    room_name: '会议室名称',
    room_capacity: '会议室容量',
    add_room: '添加会议室',
    save_room: '保存会议室',
    delete_room: '删除会议室 {name}',
    delete: '删除',
    room_saved: '会议室已保存。',
    room_added: '会议室已添加。',
    room_deleted: '会议室已删除。',
    confirm_delete_room: '删除会议室“{name}”？',
    agenda_title: '议程',
    no_sessions: '还没有议程。',
    add_session: '添加议程',
    edit: '编辑',
    edit_session_label: '编辑议程 {title}',
    delete_session_label: '删除议程 {title}',
    confirm_delete_session: '删除议程“{title}”？',
    new_session_title: '新议程',
    edit_session_title: '编辑议程：{title}',
    session_title_en: '议程标题（英文）',
    session_title_zh: '议程标题（中文）',
    kind: '类型',
    room: '会议室',
    room_hint: '本活动的会议室；输入新名称即添加会议室。',
    session_capacity_hint: '留空则使用会议室容量。',
    requires_signup: '参会者须报名此议程',
    topic: '议题（圆桌会议）',
    save_session: '保存议程',
    session_saved: '议程已保存。',
    session_created: '议程已添加。',
    session_deleted: '议程已删除。',
    no_room: '无会议室',
    warnings_title: '已保存，但请注意：',
    kind_plenary: '全体会议',
    kind_keynote: '主旨演讲',
    kind_panel: '专题讨论',
    kind_roundtable: '圆桌会议',
    kind_workshop: '工作坊',
    kind_ceremony: '仪式',
    kind_break: '休息',
    kind_other: '其他',
    speakers: '发言人',
    no_speakers: '没有发言人。',
    speaker_n: '发言人 {n}',
    speaker_name: '姓名',
    speaker_org: '单位',
    speaker_country: '国家代码',
    speaker_role: '角色',
    add_speaker: '添加发言人',
    remove_speaker: '移除发言人 {n}',
    role_speaker: '发言人',
    role_moderator: '主持人',
    role_panelist: '嘉宾',
  },
};

// Kept in their own file so neither table grows past reading size.
for (const lang of Object.keys(strings)) Object.assign(strings[lang], registration_strings[lang]);

const storage_key = 'plenary.organizer.lang';

function stored_language() {
  try {
    return localStorage.getItem(storage_key);
  } catch {
    return null;  // storage can be disabled; the navigator default still works
  }
}

export class i18n {
  constructor() {
    const saved = stored_language();
    this.lang = saved in strings ? saved : (navigator.language ?? 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
    this.t = this.t.bind(this);
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

  html_lang() {
    return this.lang === 'zh' ? 'zh-CN' : 'en';
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
}
