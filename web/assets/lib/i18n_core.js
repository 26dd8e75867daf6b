// The language machinery of both front ends: the chosen language (a first
// guess from the browser, then what the visitor picked, kept in localStorage),
// t() with {name} placeholders, bilingual API texts and country names. Each
// app brings its own string tables ({en: {...}, zh: {...}}) and first guess;
// they extend (and may override) the strings both apps say alike, below.

// The page frame (see chrome.js) and the session kinds. kind_other is each
// app's own: "Session" on the public agenda, "Other" in the organizer's picker.
const common_strings = {
  en: {
    skip_to_content: 'Skip to content',
    switch_language: 'Switch language',
    other_language: '中文',
    loading: 'Loading…',
    kind_plenary: 'Plenary',
    kind_keynote: 'Keynote',
    kind_panel: 'Panel',
    kind_roundtable: 'Round-table',
    kind_workshop: 'Workshop',
    kind_ceremony: 'Ceremony',
    kind_break: 'Break',
  },
  zh: {
    skip_to_content: '跳到正文',
    switch_language: '切换语言',
    other_language: 'English',
    loading: '加载中…',
    kind_plenary: '全体会议',
    kind_keynote: '主旨演讲',
    kind_panel: '专题讨论',
    kind_roundtable: '圆桌会议',
    kind_workshop: '工作坊',
    kind_ceremony: '仪式',
    kind_break: '休息',
  },
};

function stored_language(storage_key) {
  try {
    return localStorage.getItem(storage_key);
  } catch {
    return null;  // storage can be disabled; the first guess still works
  }
}

// The first of the browser's preferred languages that we have.
export function preferred_language() {
  const list = navigator.languages?.length ? navigator.languages : [navigator.language ?? 'en'];
  for (const tag of list) {
    const lower = String(tag).toLowerCase();
    if (lower.startsWith('zh')) return 'zh';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export class i18n_core {
  constructor(strings, storage_key, first_guess) {
    this.strings_ = Object.fromEntries(Object.entries(strings).map(([lang, table]) => [lang, { ...common_strings[lang], ...table }]));
    this.storage_key_ = storage_key;
    const saved = stored_language(storage_key);
    this.lang = saved in this.strings_ ? saved : first_guess();
    this.t = this.t.bind(this);
    this.pick = this.pick.bind(this);
  }

  set_language(lang) {
    if (!(lang in this.strings_)) return;
    this.lang = lang;
    try {
      localStorage.setItem(this.storage_key_, lang);
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
    const text = this.strings_[this.lang][key] ?? this.strings_.en[key] ?? key;
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

  // The name of an ISO country code in the current language, or the code.
  country_name(code) {
    if (!code) return '';
    // One formatter per language: a country list asks about 250 times per render.
    this.region_names_ ??= {};
    try {
      this.region_names_[this.lang] ??= new Intl.DisplayNames([this.html_lang()], { type: 'region' });
      return this.region_names_[this.lang].of(code) ?? code;
    } catch {
      return code;  // a code Intl does not know is still worth showing
    }
  }
}
