// The event's outbox: every message the server wrote to attendees, newest
// as the server orders them, each expandable to its full text.

import { event_path } from '../api.js';
import { h, next_id, replace_children } from '../../assets/lib/dom.js';
import {
  event_title, known, language_name, load_event, load_view, page_top, registration_hash, show_page, show_page_error,
  time_el,
} from './registration_common.js';

class outbox_view {
  constructor(app, main, slug, alive) {
    Object.assign(this, { app, main, slug, alive });
    this.event = null;
    this.next_cursor = null;
    this.shown = 0;
  }

  render() {
    const { app } = this;
    const { t } = app;
    this.count_el = h('p', { class: 'result-count', id: 'outbox-count', role: 'status', 'aria-live': 'polite' });
    this.error_el = h('p', { class: 'error-text', role: 'alert', hidden: true });
    this.tbody = h('tbody', {});
    this.table = h('table', { class: 'event-table outbox-table', 'aria-describedby': 'outbox-count', hidden: true },
      h('caption', { class: 'visually-hidden' }, t('outbox_caption')),
      h('thead', {}, h('tr', {},
        ['col_created', 'col_kind', 'col_recipient', 'reg_language', 'col_subject'].map((k) => h('th', { scope: 'col' }, t(k))))),
      this.tbody);
    this.more = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => this.load(true) }, t('load_more'));
    replace_children(this.main,
      page_top(app, this.slug, 'outbox', t('outbox_title', { title: event_title(app, this.event, this.slug) })),
      h('p', { class: 'hint' }, t('outbox_intro')),
      this.count_el,
      this.error_el,
      h('div', { class: 'table-scroll' }, this.table),
      h('div', { class: 'actions' }, this.more));
  }

  // A message is two rows: the summary, and the body row its button opens.
  rows(m) {
    const { app } = this;
    const { t } = app;
    const body_id = next_id('message');
    const body_row = h('tr', { id: body_id, class: 'message-body-row', hidden: true },
      h('td', { colspan: 5 }, h('pre', { class: 'message-body', lang: m.language === 'zh' ? 'zh-CN' : 'en' }, m.body ?? '')));
    const toggle = h('button', { type: 'button', class: 'link-button', 'aria-expanded': 'false', 'aria-controls': body_id,
                                 onclick: () => {
                                   const open = toggle.getAttribute('aria-expanded') !== 'true';
                                   toggle.setAttribute('aria-expanded', String(open));
                                   body_row.hidden = !open;
                                 } },
      h('span', { class: 'toggle-mark', 'aria-hidden': 'true' }), m.subject || t('no_subject'));
    const zone = this.event.timezone;
    const recipient = m.registration_id !== null && m.registration_id !== undefined
      ? h('a', { href: registration_hash(this.slug, m.registration_id) }, m.recipient) : m.recipient;
    return [
      h('tr', { class: 'message-row', dataset: { messageId: String(m.id) } },
        h('td', { class: 'nowrap' }, time_el(m.created_at, zone)),
        h('td', {}, known(t, `message_${m.kind}`, m.kind ?? '')),
        h('td', {}, recipient),
        h('td', {}, language_name(t, m.language)),
        h('td', {}, toggle)),
      body_row,
    ];
  }

  async load(append) {
    const { app } = this;
    const path = event_path(this.slug, 'outbox') + (append && this.next_cursor
      ? `?${new URLSearchParams({ cursor: this.next_cursor })}` : '');
    this.more.disabled = true;
    let page;
    try {
      page = await app.api.get(path);
    } catch (err) {
      if (this.alive()) show_page_error(this, err);
      return;
    }
    if (!this.alive()) return;
    const rows = show_page(this, page, (m) => this.rows(m), append);
    this.count_el.textContent = this.shown === 0 ? app.t('no_messages') : app.t(this.shown === 1 ? 'messages_count_one' : 'messages_count', { n: this.shown });
    if (append) rows[0]?.querySelector('button')?.focus();
  }
}

export async function render_outbox(app, main, slug, alive) {
  const view = new outbox_view(app, main, slug, alive);
  const loaded = await load_view(app, main, alive, app.t('tab_outbox'), async () => {
    view.event = await load_event(app, slug);
  });
  if (!loaded) return;
  view.render();
  await view.load(false);
}
