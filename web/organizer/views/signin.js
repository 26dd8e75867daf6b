// The sign-in view: email and password against /api/v1/auth/login.

import { h, replace_children } from '../../assets/lib/dom.js';
import { labelled, show_errors, summary_box, value_of } from '../forms.js';

export function render_signin(app, main) {
  const { t } = app;
  const form = h('form', { class: 'card signin', novalidate: true },
    summary_box(),
    labelled({ field: 'email', label: t('email'), type: 'email',
               control_attrs: { autocomplete: 'username', required: true } }),
    labelled({ field: 'password', label: t('password'), type: 'password',
               control_attrs: { autocomplete: 'current-password', required: true } }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('signin_submit'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit(app, form);
  });
  replace_children(main, h('h1', {}, t('signin_title')), form);
}

async function submit(app, form) {
  const { t } = app;
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    const session = await app.api.post('/api/v1/auth/login',
      { email: value_of(form, 'email'), password: form.querySelector('[data-field=password]').value },
      { quiet_401: true });
    app.clear_flash();
    app.signed_in(session);
    const target = app.return_to && app.return_to !== '#/signin' ? app.return_to : '#/events';
    app.return_to = null;
    app.navigate(target);
  } catch (e) {
    if (e.status === 401) show_errors(form, [], t, { detail: t('signin_failed') });
    else if (e.status === 429) show_errors(form, [], t, { detail: t('too_many_attempts', { n: e.retry_after ?? 60 }) });
    else if (e.status === 422 && e.errors.length) show_errors(form, e.errors, t);
    else show_errors(form, [], t, { detail: app.describe_error(e) });
  } finally {
    button.disabled = false;
  }
}
