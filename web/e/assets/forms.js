// Labelled form controls and server validation messages shown at their fields
// (aria-invalid + aria-describedby), with an error summary in a live region.
// `field` is the API field path ("email", "answers.diet") that server errors
// name; it is kept in data-field to find the control again.

import { h, next_id, replace_children } from './dom.js';

function label_content(label, required, t) {
  return required ? [label, ' ', h('span', { class: 'required' }, `(${t('required')})`)] : label;
}

// One control with its label, optional hint and (hidden) error line.
export function field({ field: name, label, type = 'text', value, hint, options, required, t, attrs }) {
  const id = next_id('f');
  const hint_id = hint ? `${id}-hint` : null;
  const common = {
    id, name, dataset: { field: name }, 'aria-describedby': hint_id, 'aria-required': required ? 'true' : null, ...attrs,
  };
  let control;
  if (type === 'select') {
    control = h('select', common, options.map(([v, text, extra]) => h('option', { value: v, selected: v === value, ...extra }, text)));
  } else if (type === 'textarea') {
    control = h('textarea', { rows: 4, ...common, value: value ?? '' });
  } else if (type === 'checkbox') {
    control = h('input', { type, ...common, checked: Boolean(value) });
  } else {
    control = h('input', { type, ...common, value: value ?? '' });
  }
  const label_el = h('label', { for: id }, label_content(label, required, t));
  const hint_el = hint ? h('p', { id: hint_id, class: 'hint' }, hint) : null;
  const error = h('p', { id: `${id}-error`, class: 'field-error', hidden: true });
  return type === 'checkbox'
    ? h('div', { class: 'field field-check' }, control, label_el, hint_el, error)
    : h('div', { class: 'field' }, label_el, control, hint_el, error);
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

export function control_of(form, name) {
  return form.querySelector(`[data-field="${CSS.escape(name)}"]`);
}

function targets(control) {
  return control.tagName === 'FIELDSET' ? [...control.querySelectorAll('input')] : [control];
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

function mark(form, control, message) {
  const error = form.querySelector(`[id="${control.id}-error"]`);
  if (!error) return null;
  error.textContent = error.textContent ? `${error.textContent} ${message}` : message;
  error.hidden = false;
  const els = targets(control);
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

// Shows each {field, message} at its control; the summary lists them all with
// links to the fields, and the first bad control gets focus.
export function show_errors(form, errors, t, { aliases = {}, detail } = {}) {
  clear_errors(form);
  const summary = form.querySelector('.form-summary');
  const items = [];
  let first = null;
  for (const { field: name, message } of errors) {
    const control = candidates(name ?? '', aliases).map((c) => control_of(form, c)).find(Boolean);
    const focus_el = control ? mark(form, control, message) : null;
    first ??= focus_el;
    const label = control ? label_text(control) : '';
    const text = label ? `${label}: ${message}` : message;
    items.push(h('li', {}, focus_el
      ? h('a', { href: `#${focus_el.id}`, onclick: (e) => { e.preventDefault(); focus_el.focus(); } }, text)
      : text));
  }
  if (summary) {
    if (errors.length) {
      replace_children(summary,
        h('p', { class: 'summary-title' }, errors.length > 1 ? t('errors_summary', { n: errors.length }) : t('errors_summary_one')),
        h('ul', {}, items));
    } else {
      replace_children(summary, h('p', {}, detail ?? ''));
    }
    summary.hidden = false;
  }
  (first ?? summary)?.focus();
}

export function summary_box() {
  return h('div', { class: 'form-summary', role: 'alert', 'aria-live': 'assertive', tabindex: -1, hidden: true });
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
