// The agenda: sessions in time order with edit/delete, the session form, and
// speaker-overlap warnings from the last save.

import { event_path } from '../api.js';
import { h } from '../../assets/lib/dom.js';
import { format_range } from '../time.js';
import { build_session_form } from './session_form.js';

export function build_sessions_panel(app, editor) {
  const { t } = app;
  const sessions = [...(editor.event.sessions ?? [])]
    .sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at) || a.id - b.id);
  const list = sessions.length
    ? h('ol', { class: 'session-list' }, sessions.map((s) => session_item(app, editor, s)))
    : h('p', { class: 'empty' }, t('no_sessions'));
  const editing = editor.editing;
  const form_slot = editing === 'new' ? build_session_form(app, editor, null)
    : editing ? build_session_form(app, editor, sessions.find((s) => s.id === editing)) : null;
  return h('section', { class: 'card agenda', 'aria-labelledby': 'agenda-heading' },
    h('div', { class: 'page-head' },
      h('h2', { id: 'agenda-heading' }, t('agenda_title')),
      h('button', { type: 'button', id: 'add-session', onclick: () => editor.open_session_form('new') }, t('add_session'))),
    warnings_notice(app, editor.warnings),
    form_slot,
    list);
}

function warnings_notice(app, warnings) {
  if (!warnings?.length) return null;
  return h('div', { class: 'notice notice-warning', role: 'status' },
    h('p', {}, h('strong', {}, `⚠ ${app.t('warnings_title')}`)),
    h('ul', {}, warnings.map((w) => h('li', {}, w.message))));
}

function session_item(app, editor, session) {
  const { t } = app;
  const title = app.i18n.pick(session.title);
  const speakers = (session.speakers ?? []).map((s) => {
    const details = [s.organization, s.country].filter(Boolean).join(', ');
    return `${s.name}${details ? ` (${details})` : ''} – ${t(`role_${s.role}`)}`;
  });
  return h('li', { class: 'session-item', dataset: { sessionId: session.id } },
    h('p', { class: 'session-time' }, h('time', { datetime: session.starts_at },
      format_range(session.starts_at, session.ends_at, editor.event.timezone))),
    h('h3', { class: 'session-title' }, title),
    h('p', { class: 'session-meta' },
      t(`kind_${session.kind}`), ' · ', session.room ?? t('no_room'),
      session.capacity !== null && session.capacity !== undefined ? ` · ${t('capacity')} ${session.capacity}` : ''),
    speakers.length ? h('ul', { class: 'session-speakers' }, speakers.map((s) => h('li', {}, s))) : null,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', 'aria-label': t('edit_session_label', { title }),
                    onclick: () => editor.open_session_form(session.id) }, t('edit')),
      h('button', { type: 'button', class: 'danger', 'aria-label': t('delete_session_label', { title }),
                    onclick: () => delete_session(app, editor, session, title) }, t('delete'))));
}

async function delete_session(app, editor, session, title) {
  const { t } = app;
  if (!window.confirm(t('confirm_delete_session', { title }))) return;
  try {
    await app.api.delete(event_path(editor.slug, 'sessions', String(session.id)));
    app.flash(t('session_deleted'));
    await editor.refresh({ focus: '#add-session' });
  } catch (err) {
    app.flash(app.describe_error(err), 'error');
  }
}
