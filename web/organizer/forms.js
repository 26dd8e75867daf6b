// Labelled form controls and server validation messages shown at their fields
// (aria-invalid + aria-describedby), with a live summary for screen readers.

import { h, next_id, replace_children } from './dom.js';

// One labelled control. `field` is the API field path (e.g. "title.en") that
// server errors name; it is kept in data-field to find the control again.
export function labelled({ field, label, type = 'text', value, hint, options, control_attrs, wide }) {
  const id = next_id('f');
  const error_id = `${id}-error`;
  const hint_id = hint ? `${id}-hint` : null;
  const attrs = { id, name: field, dataset: { field }, 'aria-describedby': hint_id, ...control_attrs };
  let control;
  if (type === 'select') {
    control = h('select', attrs, options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
  } else if (type === 'textarea') {
    control = h('textarea', { rows: 3, ...attrs, value: value ?? '' });
  } else if (type === 'checkbox') {
    control = h('input', { type, ...attrs, checked: Boolean(value) });
  } else {
    control = h('input', { type, ...attrs, value: value ?? '' });
  }
  const error = h('p', { id: error_id, class: 'field-error', hidden: true });
  const label_el = h('label', { for: id }, label);
  const hint_el = hint ? h('p', { id: hint_id, class: 'hint' }, hint) : null;
  const cls = `field${type === 'checkbox' ? ' field-check' : ''}${wide ? ' field-wide' : ''}`;
  return type === 'checkbox'
    ? h('div', { class: cls }, control, label_el, hint_el, error)
    : h('div', { class: cls }, label_el, control, hint_el, error);
}

export function control_of(form, field) {
  return form.querySelector(`[data-field="${CSS.escape(field)}"]`);
}

export function value_of(form, field) {
  const el = control_of(form, field);
  if (!el) return undefined;
  return el.type === 'checkbox' ? el.checked : el.value.trim();
}

export function clear_errors(form) {
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) {
    el.removeAttribute('aria-invalid');
    const error_id = `${el.id}-error`;
    const ids = (el.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== error_id);
    if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
    else el.removeAttribute('aria-describedby');
  }
  for (const p of form.querySelectorAll('.field-error')) {
    p.hidden = true;
    p.textContent = '';
  }
  const summary = form.querySelector('.form-summary');
  if (summary) {
    summary.replaceChildren();
    summary.hidden = true;
  }
}

// "speakers[1].name" -> ["speakers[1].name", "speakers[1]", "speakers"]; the
// nearest control that exists carries the message.
function candidates(field, aliases) {
  const out = [];
  let f = field;
  while (f) {
    out.push(aliases[f] ?? f);
    const cut = Math.max(f.lastIndexOf('.'), f.lastIndexOf('['));
    f = cut > 0 ? f.slice(0, cut) : '';
  }
  return out;
}

function mark(form, control, message) {
  const error = form.querySelector(`[id="${control.id}-error"]`);
  if (!error) return false;
  error.textContent = error.textContent ? `${error.textContent} ${message}` : message;
  error.hidden = false;
  control.setAttribute('aria-invalid', 'true');
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  if (!ids.includes(error.id)) control.setAttribute('aria-describedby', [...ids, error.id].join(' '));
  return true;
}

// Shows each {field, message} at its control; the summary lists them all and
// the first bad control gets focus. Returns the number of messages placed.
export function show_errors(form, errors, t, { aliases = {}, labels = {}, detail } = {}) {
  clear_errors(form);
  const summary = form.querySelector('.form-summary');
  const items = [];
  let first = null;
  for (const { field, message } of errors) {
    const control = candidates(field ?? '', aliases).map((c) => control_of(form, c)).find(Boolean);
    if (control && mark(form, control, message)) first ??= control;
    const name = labels[field] ?? (control ? label_text(control) : field);
    items.push(h('li', {}, name ? `${name}: ${message}` : message));
  }
  if (summary) {
    // A problem with no field (wrong password, busy server) is one sentence, not a list.
    if (errors.length) {
      replace_children(summary, h('p', {}, errors.length > 1 ? t('errors_summary', { n: errors.length }) : t('errors_summary_one')),
                       h('ul', {}, items));
    } else {
      replace_children(summary, h('p', {}, detail ?? ''));
    }
    summary.hidden = false;
  }
  (first ?? summary)?.focus();
  return items.length;
}

function label_text(control) {
  return control.labels?.[0]?.textContent ?? '';
}

export function summary_box() {
  return h('div', { class: 'form-summary', role: 'alert', tabindex: -1, hidden: true });
}

// Bilingual inputs: empty means "no text in this language" (null).
export function bilingual(form, base) {
  return { en: value_of(form, `${base}.en`) || null, zh: value_of(form, `${base}.zh`) || null };
}

export function optional_int(text) {
  if (text === '' || text === undefined) return null;
  const n = Number(text);
  return Number.isInteger(n) ? n : text;  // the server explains what is wrong with it
}
