// Server validation messages shown at their fields (aria-invalid +
// aria-describedby), with an error summary that lists them all. Controls carry
// the API field path they stand for ("email", "answers.diet", "title.en") in
// data-field, and a paragraph with the id "{control id}-error" for the message.
// Each app wraps labelled_field and show_errors with its own conventions.

import { h, next_id, replace_children } from './dom.js';

// One labelled control (text-like input, select, textarea or checkbox) for
// the API field path `field`, in a div of class `cls`, with its optional hint
// and its (hidden) error line. A checkbox comes before its label. `attrs` go on
// the control; select options are [value, text, extra attributes].
export function labelled_field({ field, type = 'text', value, options, rows, label, hint, cls, attrs }) {
  const id = next_id('f');
  const hint_id = hint ? `${id}-hint` : null;
  const common = { id, name: field, dataset: { field }, 'aria-describedby': hint_id, ...attrs };
  let control;
  if (type === 'select') {
    control = h('select', common, options.map(([v, text, extra]) => h('option', { value: v, selected: v === value, ...extra }, text)));
  } else if (type === 'textarea') {
    control = h('textarea', { rows, ...common, value: value ?? '' });
  } else if (type === 'checkbox') {
    control = h('input', { type, ...common, checked: Boolean(value) });
  } else {
    control = h('input', { type, ...common, value: value ?? '' });
  }
  const label_el = h('label', { for: id }, label);
  const hint_el = hint ? h('p', { id: hint_id, class: 'hint' }, hint) : null;
  const error = h('p', { id: `${id}-error`, class: 'field-error', hidden: true });
  return type === 'checkbox'
    ? h('div', { class: cls }, control, label_el, hint_el, error)
    : h('div', { class: cls }, label_el, control, hint_el, error);
}

export function control_of(form, name) {
  return form.querySelector(`[data-field="${CSS.escape(name)}"]`);
}

function describe(el, error_id, on) {
  const ids = (el.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== error_id);
  if (on) ids.push(error_id);
  if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
  else el.removeAttribute('aria-describedby');
}

export function clear_errors(form) {
  for (const p of form.querySelectorAll('.field-error')) {
    p.hidden = true;
    p.textContent = '';
    for (const el of form.querySelectorAll(`[aria-describedby~="${CSS.escape(p.id)}"]`)) describe(el, p.id, false);
  }
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const summary = form.querySelector('.form-summary');
  if (summary) {
    summary.replaceChildren();
    summary.hidden = true;
  }
}

// "answers.topics[1]" -> itself, "answers.topics", "answers"; the nearest
// control that exists carries the message.
function candidates(name, aliases) {
  const out = [];
  let f = name;
  while (f) {
    out.push(aliases[f] ?? f);
    const cut = Math.max(f.lastIndexOf('.'), f.lastIndexOf('['));
    f = cut > 0 ? f.slice(0, cut) : '';
  }
  return out;
}

// Puts the message at the control; returns the element to focus, or null when
// the control has no error paragraph. With group_inputs a fieldset's inputs
// carry the mark, otherwise the fieldset itself does.
function mark(form, control, message, group_inputs) {
  const error = form.querySelector(`[id="${control.id}-error"]`);
  if (!error) return null;
  error.textContent = error.textContent ? `${error.textContent} ${message}` : message;
  error.hidden = false;
  const els = group_inputs && control.tagName === 'FIELDSET' ? [...control.querySelectorAll('input')] : [control];
  for (const el of els) {
    el.setAttribute('aria-invalid', 'true');
    describe(el, error.id, true);
  }
  return els[0] ?? null;
}

// The label without its "(required)" marker, for the summary.
function label_text(control) {
  const label = control.tagName === 'FIELDSET' ? control.querySelector('legend') : control.labels?.[0];
  if (!label) return '';
  const copy = label.cloneNode(true);
  for (const extra of copy.querySelectorAll('.required, .choice-hint')) extra.remove();
  return copy.textContent.trim();
}

function default_name(_field, control) {
  return control ? label_text(control) : '';
}

// Shows each {field, message} at its control; the summary lists them all and
// the first bad control gets focus. With no errors the summary shows `detail`
// (a problem that no field explains is one sentence, not a list).
//   name_of(field, control): how the summary names a message's field
//   links: summary items are links that move the focus to their field
//   group_inputs: see mark(); title_class: a class for the summary's title
// Returns the number of messages.
export function show_errors(form, errors, t, {
  aliases = {}, detail, name_of = default_name, links = true, group_inputs = true, title_class,
} = {}) {
  clear_errors(form);
  const summary = form.querySelector('.form-summary');
  const items = [];
  let first = null;
  for (const { field: name, message } of errors) {
    const control = candidates(name ?? '', aliases).map((c) => control_of(form, c)).find(Boolean);
    const focus_el = control ? mark(form, control, message, group_inputs) : null;
    first ??= focus_el;
    const label = name_of(name, control);
    const text = label ? `${label}: ${message}` : message;
    items.push(h('li', {}, links && focus_el
      ? h('a', { href: `#${focus_el.id}`, onclick: (e) => { e.preventDefault(); focus_el.focus(); } }, text)
      : text));
  }
  if (summary) {
    if (errors.length) {
      replace_children(summary,
        h('p', { class: title_class }, errors.length > 1 ? t('errors_summary', { n: errors.length }) : t('errors_summary_one')),
        h('ul', {}, items));
    } else {
      replace_children(summary, h('p', {}, detail ?? ''));
    }
    summary.hidden = false;
  }
  (first ?? summary)?.focus();
  return items.length;
}

// The live region show_errors fills; `live` adds an explicit aria-live.
export function summary_box({ live } = {}) {
  return h('div', { class: 'form-summary', role: 'alert', 'aria-live': live, tabindex: -1, hidden: true });
}
