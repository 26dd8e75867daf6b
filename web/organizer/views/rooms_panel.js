// The rooms of an event: one small form per room plus one to add a room.

import { event_path } from '../api.js';
import { h } from '../../assets/lib/dom.js';
import { labelled, optional_int, show_errors, summary_box, value_of } from '../forms.js';

export function build_rooms_panel(app, editor) {
  const { t } = app;
  const rooms = editor.rooms;
  const list = rooms.length
    ? h('ul', { class: 'room-list' }, rooms.map((room) => h('li', {}, room_form(app, editor, room))))
    : h('p', { class: 'empty' }, t('no_rooms'));
  return h('section', { class: 'card rooms', 'aria-labelledby': 'rooms-heading' },
    h('h2', { id: 'rooms-heading' }, t('rooms_title')),
    list,
    h('h3', {}, t('add_room')),
    room_form(app, editor, null));
}

function room_form(app, editor, room) {
  const { t } = app;
  const form = h('form', { class: 'room-form', novalidate: true, dataset: { room: room?.name ?? '' } },
    summary_box(),
    h('div', { class: 'inline-fields' },
      labelled({ field: 'name', label: t('room_name'), value: room?.name,
                 control_attrs: { required: true, autocomplete: 'off' } }),
      labelled({ field: 'capacity', label: t('room_capacity'), type: 'number', value: room?.capacity,
                 control_attrs: { min: 0, step: 1, inputmode: 'numeric' } }),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: room ? 'secondary' : null }, room ? t('save_room') : t('add_room')),
        room ? h('button', { type: 'button', class: 'danger', 'aria-label': t('delete_room', { name: room.name }),
                             onclick: () => delete_room(app, editor, form, room) }, t('delete')) : null)));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { name: value_of(form, 'name'), capacity: optional_int(value_of(form, 'capacity')) };
    try {
      if (room) await app.api.patch(event_path(editor.slug, 'rooms', String(room.id)), body);
      else await app.api.post(event_path(editor.slug, 'rooms'), body);
      app.flash(room ? t('room_saved') : t('room_added'));
      await editor.refresh({ focus: room ? null : '.rooms > form [data-field=name]' });
    } catch (err) {
      show_errors(form, err.errors ?? [], t, { detail: app.describe_error(err) });
    }
  });
  return form;
}

async function delete_room(app, editor, form, room) {
  const { t } = app;
  if (!window.confirm(t('confirm_delete_room', { name: room.name }))) return;
  try {
    await app.api.delete(event_path(editor.slug, 'rooms', String(room.id)));
    app.flash(t('room_deleted'));
    await editor.refresh({ focus: '#rooms-heading' });
  } catch (err) {
    // 409 when sessions still use the room: the server says so in detail.
    show_errors(form, err.errors ?? [], t, { detail: app.describe_error(err) });
  }
}
