// Labelled form controls of the organizer app, and server validation messages
// shown at their fields (the shared /assets/lib/forms.js) with a summary for
// screen readers.

import * as shared from '../assets/lib/forms.js';

export { summary_box } from '../assets/lib/forms.js';

// One labelled control. `field` is the API field path (e.g. "title.en") that
// server errors name; it is kept in data-field to find the control again.
export function labelled({ field, label, type = 'text', value, hint, options, control_attrs, wide }) {
  return shared.labelled_field({
    field, type, value, options, rows: 3, label, hint, attrs: control_attrs,
    cls: `field${type === 'checkbox' ? ' field-check' : ''}${wide ? ' field-wide' : ''}`,
  });
}

export function value_of(form, field) {
  const el = shared.control_of(form, field);
  if (!el) return undefined;
  return el.type === 'checkbox' ? el.checked : el.value.trim();
}

// Each {field, message} at its control: a fieldset (see registration_form.js)
// is marked and focused itself. The summary is plain text naming each field by
// `labels[field]`, its label, or the field path when no control has it.
// Returns the number of messages placed.
export function show_errors(form, errors, t, { aliases = {}, labels = {}, detail } = {}) {
  return shared.show_errors(form, errors, t, {
    aliases, detail, links: false, group_inputs: false,
    name_of: (field, control) => labels[field] ?? (control ? control.labels?.[0]?.textContent ?? '' : field),
  });
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
