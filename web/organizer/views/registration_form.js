// "Add registration": the organizer registers someone by hand. The server
// skips the registration window and approval for organizers; "over capacity"
// confirms the person even when the event is full instead of wait-listing.

import { event_path } from '../api.js';
import { h, next_id, replace_children } from '../../assets/lib/dom.js';
import { labelled, show_errors, summary_box, value_of } from '../forms.js';
import { format_range } from '../time.js';
import {
  country_options, event_title, known, load_countries, load_event, load_view, page_top,
  registration_hash, registrations_hash, session_title,
} from './registration_common.js';

// A fieldset that show_errors can mark like a control: data-field, an id and
// a matching "-error" paragraph.
function group(field, legend, children, hint) {
  const id = next_id('g');
  const hint_id = hint ? `${id}-hint` : null;
  return h('fieldset', { id, class: 'choice-group', tabindex: -1, dataset: { field }, 'aria-describedby': hint_id },
    h('legend', {}, legend),
    hint ? h('p', { id: hint_id, class: 'hint' }, hint) : null,
    children,
    h('p', { id: `${id}-error`, class: 'field-error', hidden: true }));
}

function check(name, value, label, attrs = {}) {
  const id = next_id('c');
  return h('div', { class: 'check' },
    h('input', { type: 'checkbox', id, name, value, ...attrs }), h('label', { for: id }, label));
}

function seats_text(t, s) {
  if (s.seats_left === null || s.seats_left === undefined) return '';
  return s.seats_left > 0 ? t('seats_left', { n: s.seats_left }) : t('session_full', { n: s.waitlist_length ?? 0 });
}

function question_control(app, q) {
  const { t } = app;
  const field = `answers.${q.key}`;
  const label = `${app.i18n.pick(q.label) || q.key}${q.required ? ` ${t('required_mark')}` : ''}`;
  const options = (q.options ?? []).map((o) => [o.value, app.i18n.pick(o.label) || o.value]);
  switch (q.type) {
    case 'long_text':
      return labelled({ field, label, type: 'textarea', wide: true });
    case 'single_choice':
      return labelled({ field, label, type: 'select', value: '', options: [['', t('choose')], ...options] });
    case 'multiple_choice':
      return group(field, label, options.map(([v, text]) => check(field, v, text)));
    case 'consent':
      return labelled({ field, label, type: 'checkbox', wide: true });
    default:
      return labelled({ field, label });
  }
}

function read_answers(form, questions) {
  const answers = {};
  for (const q of questions) {
    const field = `answers.${q.key}`;
    if (q.type === 'multiple_choice') {
      const chosen = [...form.querySelectorAll(`input[name="${CSS.escape(field)}"]:checked`)].map((c) => c.value);
      if (chosen.length) answers[q.key] = chosen;
    } else if (q.type === 'consent') {
      answers[q.key] = value_of(form, field);
    } else {
      const v = value_of(form, field);
      if (v) answers[q.key] = v;
    }
  }
  return answers;
}

function build_form(app, event, countries, on_submit) {
  const { t } = app;
  const zone = event.timezone;
  const sessions = [...(event.sessions ?? [])].filter((s) => s.requires_signup)
    .sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));
  const questions = event.questions ?? [];
  const form = h('form', { class: 'card reg-form', novalidate: true },
    summary_box(),
    h('h2', {}, t('attendee')),
    h('div', { class: 'grid' },
      labelled({ field: 'name', label: t('col_name'), control_attrs: { required: true, maxlength: 200, autocomplete: 'off' } }),
      labelled({ field: 'email', label: t('col_email'), type: 'email',
                 control_attrs: { required: true, autocomplete: 'off', spellcheck: 'false' } }),
      labelled({ field: 'organization', label: t('col_organization'), control_attrs: { maxlength: 200 } }),
      labelled({ field: 'country', label: t('col_country'), type: 'select', value: '',
                 options: [['', t('choose')], ...country_options(app, countries)], control_attrs: { required: true } }),
      labelled({ field: 'language', label: t('reg_language'), type: 'select', value: app.i18n.lang,
                 hint: t('reg_language_hint'), options: [['en', 'English'], ['zh', '中文']] })),
    sessions.length ? group('sessions', t('session_choices'), sessions.map((s) => {
      const extra = [format_range(s.starts_at, s.ends_at, zone), s.room, seats_text(t, s)].filter(Boolean).join(' · ');
      return check('sessions', String(s.id), `${session_title(app, s)} (${extra})`);
    })) : null,
    questions.length ? h('h2', {}, t('answers')) : null,
    questions.length ? h('div', { class: 'grid' }, questions.map((q) => question_control(app, q))) : null,
    labelled({ field: 'over_capacity', label: t('over_capacity'), type: 'checkbox', hint: t('over_capacity_hint'), wide: true }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, t('add_registration')),
      h('a', { class: 'button secondary', href: registrations_hash(event.slug) }, t('cancel'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const payload = {
      name: value_of(form, 'name'),
      email: value_of(form, 'email'),
      country: value_of(form, 'country'),
      language: value_of(form, 'language'),
      answers: read_answers(form, questions),
    };
    const organization = value_of(form, 'organization');
    if (organization) payload.organization = organization;
    if (sessions.length) {
      // The original ids, not the checkbox strings, whatever type the server uses.
      const chosen = new Set([...form.querySelectorAll('input[name=sessions]:checked')].map((c) => c.value));
      payload.sessions = sessions.filter((s) => chosen.has(String(s.id))).map((s) => s.id);
    }
    if (value_of(form, 'over_capacity')) payload.over_capacity = true;
    on_submit(form, payload);
  });
  return form;
}

async function submit(app, slug, form, payload) {
  const { t } = app;
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    const reg = await app.api.post(event_path(slug, 'registrations'), payload);
    app.flash(t('done_add', { name: reg.name, status: known(t, `reg_status_${reg.status}`, reg.status) }));
    app.navigate(registration_hash(slug, reg.id));
  } catch (err) {
    button.disabled = false;
    show_errors(form, err.errors ?? [], t, { labels: group_labels(form, err.errors ?? []), detail: app.describe_error(err) });
  }
}

// Fieldsets have no <label>; the summary names them by their legend.
function group_labels(form, errors) {
  const labels = {};
  for (const { field } of errors) {
    const base = (field ?? '').replace(/\[\d+\]$/, '');
    const legend = form.querySelector(`fieldset[data-field="${CSS.escape(base)}"] > legend`);
    if (legend) labels[field] = legend.textContent;
  }
  return labels;
}

export async function render_registration_form(app, main, slug, alive) {
  const { t } = app;
  let event;
  let countries;
  const loaded = await load_view(app, main, alive, t('add_registration'), async () => {
    [event, countries] = await Promise.all([load_event(app, slug), load_countries(app)]);
  });
  if (!loaded) return;
  replace_children(main,
    page_top(app, slug, 'registrations', t('add_registration_title', { title: event_title(app, event, slug) })),
    h('p', { class: 'hint' }, t('add_registration_intro')),
    build_form(app, event, countries, (form, payload) => submit(app, slug, form, payload)));
}
