// The registration fields built from an event's questions and sign-up
// sessions, shared by the sign-up form and the change form, and the request
// body read back from them.

import { h } from '../../assets/lib/dom.js';
import { control_of } from '../../assets/lib/forms.js';
import { field, group, restore, summary_box } from './forms.js';
import { format_day, format_time_range } from './time.js';

function country_options(app, countries, current) {
  const { i18n, t } = app;
  const codes = new Set(countries ?? []);
  if (current) codes.add(current);
  const collator = new Intl.Collator(i18n.html_lang());
  const named = [...codes].map((code) => [code, i18n.country_name(code)]);
  named.sort((a, b) => collator.compare(a[1], b[1]));
  return [['', t('choose_country')], ...named];
}

function seats_text(t, session) {
  if (session.seats_left === null || session.seats_left === undefined) return null;
  if (session.seats_left <= 0) return t('session_full');
  return session.seats_left === 1 ? t('seats_left_one') : t('seats_left', { n: session.seats_left });
}

function held_text(t, held) {
  if (held.status === 'waitlisted') {
    return held.waitlist_position ? t('session_waitlisted', { n: held.waitlist_position }) : t('session_waitlisted_plain');
  }
  return held.status === 'pending' ? t('session_pending') : t('session_confirmed');
}

export function signup_sessions(event) {
  return (event.sessions ?? []).filter((s) => s.requires_signup);
}

function session_choice(app, event, session, held) {
  const { t, pick, lang } = app.i18n;
  const zone = event.timezone;
  const when = `${format_day(session.starts_at, zone, lang)}, ${format_time_range(session.starts_at, session.ends_at, zone, lang)}`;
  const facts = [when, session.room, held ? held_text(t, held) : seats_text(t, session)].filter(Boolean);
  return {
    value: String(session.id), field: `session.${session.id}`, name: 'sessions', checked: Boolean(held),
    label: pick(session.title), hint: facts.join(' · '),
  };
}

function question_field(app, q, answers) {
  const { t, pick } = app.i18n;
  const name = `answers.${q.key}`;
  const label = pick(q.label);
  const value = answers?.[q.key];
  switch (q.type) {
    case 'long_text':
      return field({ field: name, label, type: 'textarea', value: value ?? '', required: q.required, t });
    case 'single_choice':
      return group({
        field: name, legend: label, type: 'radio', required: q.required, t,
        choices: q.options.map((o) => ({ value: o.value, label: pick(o.label), checked: value === o.value })),
      });
    case 'multiple_choice':
      return group({
        field: name, legend: label, type: 'checkbox', required: q.required, t,
        choices: q.options.map((o) => ({
          value: o.value, label: pick(o.label), checked: Array.isArray(value) && value.includes(o.value),
        })),
      });
    case 'consent':
      return field({ field: name, label, type: 'checkbox', value: value === true, required: q.required, t });
    default:
      return field({ field: name, label, value: value ?? '', required: q.required, t });
  }
}

// mode "create" adds the email; "edit" starts from the registration's values.
function registration_fields(app, { event, countries, values = {}, mode = 'create' }) {
  const { t } = app;
  const held = new Map((values.sessions ?? []).map((s) => [String(s.id), s]));
  const language = field({
    field: 'language', label: t('language'), type: 'select', value: values.language ?? app.i18n.lang, t,
    options: [['en', t('lang_en'), { lang: 'en' }], ['zh', t('lang_zh'), { lang: 'zh-CN' }]],
    // Until the visitor picks one, the email language follows the UI language.
    attrs: mode === 'create' ? { dataset: { field: 'language', followsUi: 'true' } } : undefined,
  });
  language.querySelector('select').addEventListener('change', (e) => { e.target.dataset.followsUi = 'false'; });
  const questions = event.questions ?? [];
  const sessions = signup_sessions(event);
  return [
    field({ field: 'name', label: t('name'), value: values.name, required: true, t,
            attrs: { autocomplete: 'name', maxlength: 200 } }),
    mode === 'create'
      ? field({ field: 'email', label: t('email'), type: 'email', value: values.email, required: true, t,
                hint: t('email_hint'), attrs: { autocomplete: 'email', inputmode: 'email', spellcheck: 'false' } })
      : null,
    field({ field: 'organization', label: t('organization'), value: values.organization, t,
            attrs: { autocomplete: 'organization', maxlength: 200 } }),
    field({ field: 'country', label: t('country'), type: 'select', value: values.country ?? '', required: true, t,
            options: country_options(app, countries, values.country),
            hint: countries ? null : t('countries_failed') }),
    language,
    questions.length
      ? h('section', { class: 'questions' }, h('h3', {}, t('questions_title')),
          questions.map((q) => question_field(app, q, values.answers)))
      : null,
    sessions.length
      ? group({
        field: 'sessions', legend: t('sessions_legend'), type: 'checkbox', hint: t('sessions_hint'), t,
        class: 'session-choices',
        choices: sessions.map((s) => session_choice(app, event, s, held.get(String(s.id)))),
      })
      : null,
  ];
}

// The sign-up form and the change form: error summary, fields and buttons;
// `saved` (a forms.js snapshot) puts back what the visitor had typed.
export function registration_form_el(app, { id, cls = 'registration-form', onsubmit, fields, buttons, saved }) {
  // novalidate: the server's messages are the ones shown, in one place.
  const form = h('form', { id, class: cls, novalidate: true, onsubmit },
    summary_box(),
    registration_fields(app, fields),
    h('div', { class: 'actions' }, buttons));
  if (saved) restore(form, saved);
  return form;
}

function text_of(form, name) {
  return control_of(form, name)?.value.trim() ?? '';
}

// The body for POST (create) or PATCH (edit). Empty optional answers are left
// out; the server decides whether a missing one is allowed.
export function collect(form, event, mode = 'create') {
  const body = {
    name: text_of(form, 'name'),
    organization: text_of(form, 'organization') || null,
    country: text_of(form, 'country'),
    language: text_of(form, 'language'),
  };
  if (mode === 'create') {
    body.email = text_of(form, 'email');
    if (!body.organization) delete body.organization;
  }
  const answers = {};
  for (const q of event.questions ?? []) {
    const name = `answers.${q.key}`;
    const inputs = [...form.querySelectorAll(`input[name="${CSS.escape(name)}"]`)];
    if (q.type === 'consent') answers[q.key] = inputs[0]?.checked ?? false;
    else if (q.type === 'multiple_choice') {
      const picked = inputs.filter((i) => i.checked).map((i) => i.value);
      if (picked.length) answers[q.key] = picked;
    } else if (q.type === 'single_choice') {
      const picked = inputs.find((i) => i.checked);
      if (picked) answers[q.key] = picked.value;
    } else {
      const value = text_of(form, name);
      if (value) answers[q.key] = value;
    }
  }
  body.answers = answers;
  const boxes = [...form.querySelectorAll('input[name="sessions"]')];
  const ids = new Map(signup_sessions(event).map((s) => [String(s.id), s.id]));
  const chosen = boxes.filter((b) => b.checked).map((b) => ids.get(b.value) ?? b.value);
  if (mode === 'edit' || chosen.length) body.sessions = chosen;
  return body;
}

// Server errors name "sessions[2]" by position in the body; the checkbox of
// that session carries the message.
export function session_aliases(body) {
  return Object.fromEntries((body.sessions ?? []).map((id, i) => [`sessions[${i}]`, `session.${id}`]));
}
