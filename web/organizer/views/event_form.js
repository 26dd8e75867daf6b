// The event details form (create and edit) and the JSON it sends.

import { h } from '../../assets/lib/dom.js';
import { bilingual, labelled, optional_int, summary_box, value_of } from '../forms.js';
import { common_zones, format_offset, is_known_zone, local_to_rfc3339, offset_minutes, rfc3339_to_local } from '../time.js';

const statuses = ['draft', 'published', 'closed'];

export function build_event_form(app, event, on_submit) {
  const { t } = app;
  const creating = !event;
  const zone = event?.timezone ?? 'Asia/Shanghai';
  const zone_list_id = 'timezone-list';
  const form = h('form', { class: 'card event-form', novalidate: true },
    h('h2', {}, t('event_details')),
    summary_box(),
    h('div', { class: 'grid' },
      labelled({ field: 'slug', label: t('slug'), value: event?.slug, hint: t('slug_hint'),
                 control_attrs: { required: true, readonly: !creating, autocomplete: 'off', spellcheck: 'false' } }),
      labelled({ field: 'status', label: t('status'), type: 'select', value: event?.status ?? 'draft',
                 options: statuses.map((s) => [s, t(`status_${s}`)]) }),
      labelled({ field: 'title.en', label: t('title_en'), value: event?.title?.en, control_attrs: { lang: 'en' } }),
      labelled({ field: 'title.zh', label: t('title_zh'), value: event?.title?.zh, control_attrs: { lang: 'zh-CN' } }),
      labelled({ field: 'description.en', label: t('description_en'), type: 'textarea',
                 value: event?.description?.en, control_attrs: { lang: 'en' } }),
      labelled({ field: 'description.zh', label: t('description_zh'), type: 'textarea',
                 value: event?.description?.zh, control_attrs: { lang: 'zh-CN' } }),
      labelled({ field: 'venue', label: t('venue'), value: event?.venue }),
      labelled({ field: 'timezone', label: t('timezone'), value: zone, hint: t('timezone_hint'),
                 control_attrs: { list: zone_list_id, required: true, autocomplete: 'off', spellcheck: 'false' } }),
      labelled({ field: 'starts_at', label: t('starts_at'), type: 'datetime-local', hint: ' ',
                 value: event ? rfc3339_to_local(event.starts_at, zone) : '', control_attrs: { required: true } }),
      labelled({ field: 'ends_at', label: t('ends_at'), type: 'datetime-local', hint: ' ',
                 value: event ? rfc3339_to_local(event.ends_at, zone) : '', control_attrs: { required: true } }),
      labelled({ field: 'capacity', label: t('capacity'), type: 'number', value: event?.capacity, hint: t('capacity_hint'),
                 control_attrs: { min: 0, step: 1, inputmode: 'numeric' } }),
      labelled({ field: 'requires_approval', label: t('requires_approval'), type: 'checkbox',
                 value: event?.requires_approval }),
      // The hint says who sees the screen and what it shows, since ticking
      // this makes a page public.
      labelled({ field: 'public_display', label: t('public_display'), type: 'checkbox', value: event?.public_display,
                 hint: creating ? t('public_display_hint_new')
                   : t('public_display_hint', { path: `/display/${event.slug}` }) })),
    h('datalist', { id: zone_list_id }, common_zones.map((z) => h('option', { value: z }))),
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, creating ? t('create_event') : t('save')),
      creating ? h('a', { class: 'button secondary', href: '#/events' }, t('cancel')) : null));

  const update_hints = () => time_hints(app, form);
  form.querySelector('[data-field=timezone]').addEventListener('input', update_hints);
  form.querySelector('[data-field=starts_at]').addEventListener('change', update_hints);
  update_hints();
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    on_submit(form, event_payload(form, creating));
  });
  return form;
}

// The hint under each time field names the zone and its UTC offset then, so a
// time is never entered against the wrong clock.
function time_hints(app, form) {
  const zone = value_of(form, 'timezone');
  for (const field of ['starts_at', 'ends_at']) {
    const control = form.querySelector(`[data-field=${field}]`);
    const hint = form.querySelector(`[id="${control.id}-hint"]`);
    if (!is_known_zone(zone)) {
      hint.textContent = app.t('time_hint_unknown');
      continue;
    }
    const instant = Date.parse(local_to_rfc3339(control.value, zone));
    const offset = offset_minutes(zone, Number.isNaN(instant) ? Date.now() : instant);
    hint.textContent = app.t('time_hint', { zone, offset: format_offset(offset) });
  }
}

function event_payload(form, creating) {
  const zone = value_of(form, 'timezone');
  const description = bilingual(form, 'description');
  const payload = {
    title: bilingual(form, 'title'),
    description: description.en === null && description.zh === null ? null : description,
    venue: value_of(form, 'venue') || null,
    timezone: zone,
    starts_at: local_to_rfc3339(value_of(form, 'starts_at'), zone),
    ends_at: local_to_rfc3339(value_of(form, 'ends_at'), zone),
    capacity: optional_int(value_of(form, 'capacity')),
    status: value_of(form, 'status'),
    requires_approval: value_of(form, 'requires_approval'),
    public_display: value_of(form, 'public_display'),
  };
  if (creating) payload.slug = value_of(form, 'slug');
  return payload;
}
