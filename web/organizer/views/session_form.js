// The add/edit session form, including its speaker rows. Moving a session is
// editing its time or room here.

import { event_path } from '../api.js';
import { h, next_id } from '../../assets/lib/dom.js';
import { bilingual, labelled, optional_int, show_errors, summary_box, value_of } from '../forms.js';
import { add_minutes_local, local_to_rfc3339, rfc3339_to_local } from '../time.js';

export const session_kinds = ['plenary', 'keynote', 'panel', 'roundtable', 'workshop', 'ceremony', 'break', 'other'];
const speaker_roles = ['speaker', 'moderator', 'panelist'];

export function build_session_form(app, editor, session) {
  const { t } = app;
  const zone = editor.event.timezone;
  const start = session ? rfc3339_to_local(session.starts_at, zone) : rfc3339_to_local(editor.event.starts_at, zone);
  const end = session ? rfc3339_to_local(session.ends_at, zone) : add_minutes_local(start, 60);
  const room_list_id = next_id('rooms');
  const speakers = h('div', { class: 'speaker-rows' });
  const heading = session ? t('edit_session_title', { title: app.i18n.pick(session.title) }) : t('new_session_title');
  const form = h('form', { class: 'card session-form', novalidate: true, 'aria-label': heading },
    h('h3', { id: 'session-form-heading', tabindex: -1 }, heading),
    summary_box(),
    h('div', { class: 'grid' },
      labelled({ field: 'title.en', label: t('session_title_en'), value: session?.title?.en, control_attrs: { lang: 'en' } }),
      labelled({ field: 'title.zh', label: t('session_title_zh'), value: session?.title?.zh, control_attrs: { lang: 'zh-CN' } }),
      labelled({ field: 'kind', label: t('kind'), type: 'select', value: session?.kind ?? 'other',
                 options: session_kinds.map((k) => [k, t(`kind_${k}`)]) }),
      labelled({ field: 'room', label: t('room'), value: session?.room, hint: t('room_hint'),
                 control_attrs: { list: room_list_id, autocomplete: 'off' } }),
      labelled({ field: 'starts_at', label: t('starts_at'), type: 'datetime-local', value: start,
                 hint: editor.zone_hint(start) }),
      labelled({ field: 'ends_at', label: t('ends_at'), type: 'datetime-local', value: end,
                 hint: editor.zone_hint(end) }),
      labelled({ field: 'capacity', label: t('capacity'), type: 'number', value: session?.capacity,
                 hint: t('session_capacity_hint'), control_attrs: { min: 0, step: 1, inputmode: 'numeric' } }),
      labelled({ field: 'topic', label: t('topic'), value: session?.topic }),
      labelled({ field: 'requires_signup', label: t('requires_signup'), type: 'checkbox', value: session?.requires_signup })),
    h('datalist', { id: room_list_id }, editor.rooms.map((r) => h('option', { value: r.name }))),
    h('fieldset', { class: 'speakers' },
      h('legend', {}, t('speakers')),
      speakers,
      h('button', { type: 'button', class: 'secondary', dataset: { field: 'speakers' },
                    onclick: () => add_speaker_row(app, speakers, null, true) }, t('add_speaker'))),
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, t('save_session')),
      h('button', { type: 'button', class: 'secondary', onclick: () => editor.close_session_form() }, t('cancel'))));
  for (const s of session?.speakers ?? []) add_speaker_row(app, speakers, s, false);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    save(app, editor, form, session);
  });
  return form;
}

function add_speaker_row(app, container, speaker, focus) {
  const row = h('div', { class: 'speaker-row' });
  container.append(row);
  fill_speaker_row(app, row, container.children.length - 1, speaker);
  if (focus) row.querySelector('input')?.focus();
}

// Field names carry the row index ("speakers[1].name") so server errors find
// their row; rows are rebuilt after a removal to keep indexes dense.
function fill_speaker_row(app, row, index, speaker) {
  const { t } = app;
  const base = `speakers[${index}]`;
  const n = index + 1;
  row.replaceChildren(
    h('p', { class: 'speaker-number' }, t('speaker_n', { n })),
    labelled({ field: `${base}.name`, label: t('speaker_name'), value: speaker?.name, control_attrs: { autocomplete: 'off' } }),
    labelled({ field: `${base}.organization`, label: t('speaker_org'), value: speaker?.organization }),
    labelled({ field: `${base}.country`, label: t('speaker_country'), value: speaker?.country,
               control_attrs: { maxlength: 2, autocomplete: 'off', placeholder: 'CN' } }),
    labelled({ field: `${base}.role`, label: t('speaker_role'), type: 'select', value: speaker?.role ?? 'speaker',
               options: speaker_roles.map((r) => [r, t(`role_${r}`)]) }),
    h('button', { type: 'button', class: 'secondary remove-speaker', 'aria-label': t('remove_speaker', { n }),
                  onclick: () => remove_speaker_row(app, row) }, '✕'));
}

function read_speaker_row(row, index) {
  const base = `speakers[${index}]`;
  return {
    name: value_of(row, `${base}.name`),
    organization: value_of(row, `${base}.organization`) || null,
    country: (value_of(row, `${base}.country`) || '').toUpperCase() || null,
    role: value_of(row, `${base}.role`),
  };
}

function remove_speaker_row(app, row) {
  const container = row.parentElement;
  const rows = [...container.children];
  const kept = rows.filter((r) => r !== row).map((r) => read_speaker_row(r, rows.indexOf(r)));
  container.replaceChildren();
  kept.forEach((s) => add_speaker_row(app, container, s, false));
  const add_button = container.parentElement.querySelector('[data-field=speakers]');
  (container.lastElementChild?.querySelector('input') ?? add_button)?.focus();
}

function session_payload(form, zone, creating) {
  const rows = [...form.querySelectorAll('.speaker-row')];
  const payload = {
    title: bilingual(form, 'title'),
    kind: value_of(form, 'kind'),
    room: value_of(form, 'room') || null,
    starts_at: local_to_rfc3339(value_of(form, 'starts_at'), zone),
    ends_at: local_to_rfc3339(value_of(form, 'ends_at'), zone),
    requires_signup: value_of(form, 'requires_signup'),
    topic: value_of(form, 'topic') || null,
    speakers: rows.map((row, i) => read_speaker_row(row, i)),
  };
  const capacity = optional_int(value_of(form, 'capacity'));
  // On creation an empty capacity means "the room's"; on edit it clears the limit.
  if (capacity !== null || !creating) payload.capacity = capacity;
  return payload;
}

async function save(app, editor, form, session) {
  const { t } = app;
  const payload = session_payload(form, editor.event.timezone, !session);
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    const saved = session
      ? await app.api.patch(event_path(editor.slug, 'sessions', String(session.id)), payload)
      : await app.api.post(event_path(editor.slug, 'sessions'), payload);
    app.flash(session ? t('session_saved') : t('session_created'));
    await editor.session_saved(saved);
  } catch (err) {
    button.disabled = false;
    show_errors(form, err.errors ?? [], t, { aliases: { title: 'title.en', room_id: 'room' },
                                              detail: app.describe_error(err) });
  }
}
