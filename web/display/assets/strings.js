// The hall display's words. A hall has readers of both languages at once, so
// every label is shown in English and Chinese together, never switched.

import { live_strings } from '../../assets/lib/live_socket.js';

const strings = {
  en: {
    app_title_short: 'Hall display',
    checked_in: 'Checked in',
    registered_sub: 'registered',
    inside: 'Inside now',
    countries: 'Countries and regions present',
    now: 'Now',
    next: 'Next',
    inside_of: '{n} inside of {capacity}',
    inside_only: '{n} inside',
    no_slug: 'Open /display/ followed by the event’s address, e.g. /display/forum-2037.',
    not_found: 'There is no published event at this address.',
    disabled: 'The hall display is not enabled for this event.',
    disabled_hint: 'An organizer of the event can switch it on.',
    closed: 'The live figures have stopped.',
    reload: 'Reload',
  },
  zh: {
    app_title_short: '大厅显示屏',
    checked_in: '已签到',
    registered_sub: '已报名',
    inside: '当前在场',
    countries: '到场国家和地区',
    now: '正在进行',
    next: '即将开始',
    inside_of: '在场 {n} / 容量 {capacity}',
    inside_only: '在场 {n}',
    no_slug: '请打开 /display/ 加活动地址，例如 /display/forum-2037。',
    not_found: '此地址没有已发布的活动。',
    disabled: '此活动未开启大厅显示屏。',
    disabled_hint: '活动组织者可以开启。',
    closed: '实时数据已停止。',
    reload: '重新加载',
  },
};

for (const lang of Object.keys(strings)) Object.assign(strings[lang], live_strings[lang]);

export function say(lang, key, vars = {}) {
  const text = strings[lang][key] ?? strings.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
}

// "Live · 实时": for the places that take one string.
export function both(key, vars) {
  return `${say('en', key, vars)} · ${say('zh', key, vars)}`;
}
