// Labelled form controls of the public pages, and server validation messages
// shown at their fields (the shared /assets/lib/forms.js) with an error summary
// in an assertive live region. `field` is the API field path ("email",
// "answers.diet") that server errors name; it is kept in data-field to find
// the control again.

import { h, next_id } from '../../assets/lib/dom.js';
import * as shared from '../../assets/lib/forms.js';
import { localize_error } from './server_messages.js';

function label_content(label, required, t) {
  return required ? [label, ' ', h('span', { class: 'required' }, `(${t('required')})`)] : label;
}

// One control with its label, optional hint and (hidden) error line.
export function field({ field: name, label, type = 'text', value, hint, options, required, t, attrs }) {
  return shared.labelled_field({
    field: name, type, value, options, rows: 4, hint, label: label_content(label, required, t),
    cls: type === 'checkbox' ? 'field field-check' : 'field',
    attrs: { 'aria-required': required ? 'true' : null, ...attrs },
  });
}

// Radio buttons or checkboxes in a fieldset; errors about the whole group
// (e.g. "answers.topics") mark every input of it.
export function group({ field: name, legend, type, choices, required, hint, t, class: cls }) {
  const id = next_id('g');
  const hint_id = hint ? `${id}-hint` : null;
  const items = choices.map((c) => {
    const item_id = next_id('c');
    const extra_id = c.hint ? `${item_id}-hint` : null;
    return h('div', { class: 'choice' },
      h('input', {
        type, id: item_id, name: c.name ?? name, value: c.value, checked: Boolean(c.checked),
        dataset: c.field ? { field: c.field } : undefined,
        'aria-describedby': [hint_id, extra_id].filter(Boolean).join(' ') || null,
      }),
      h('label', { for: item_id }, c.label, c.hint ? h('span', { id: extra_id, class: 'choice-hint' }, c.hint) : null),
      c.field ? h('p', { id: `${item_id}-error`, class: 'field-error', hidden: true }) : null);
  });
  return h('fieldset', { id, class: `field-group ${cls ?? ''}`, dataset: { field: name } },
    h('legend', {}, label_content(legend, required, t)),
    hint ? h('p', { id: hint_id, class: 'hint' }, hint) : null,
    items,
    h('p', { id: `${id}-error`, class: 'field-error', hidden: true }));
}

// Each {field, message} at its control; the summary links to the fields, and
// a group's message marks every input of it.
export function show_errors(form, errors, t, { aliases = {}, detail } = {}) {
  const localized = errors.map((e) => ({ ...e, message: localize_error(e, t) }));
  shared.show_errors(form, localized, t, { aliases, detail, title_class: 'summary-title' });
}

export function summary_box() {
  return shared.summary_box({ live: 'assertive' });
}

// What the visitor typed, to put back after the form is rebuilt in another
// language. Keyed by name and value, since element ids are regenerated.
export function snapshot(form) {
  const out = new Map();
  for (const el of form.elements) {
    if (!el.name || el.dataset.followsUi === 'true') continue;
    if (el.type === 'checkbox' || el.type === 'radio') out.set(`${el.name}\u0000${el.value}`, el.checked);
    else if (el.tagName !== 'BUTTON') out.set(el.name, el.value);
  }
  return out;
}

export function restore(form, saved) {
  for (const el of form.elements) {
    if (!el.name) continue;
    const key = el.type === 'checkbox' || el.type === 'radio' ? `${el.name}\u0000${el.value}` : el.name;
    if (!saved.has(key)) continue;
    if (el.type === 'checkbox' || el.type === 'radio') el.checked = saved.get(key);
    else el.value = saved.get(key);
  }
}
