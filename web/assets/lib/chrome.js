// The page frame both front ends share (see their index.html): the skip link,
// the brand, and the button that switches to the other language.

import { h } from './dom.js';

// The skip link moves the focus itself: following a real #main would replace
// what the URL fragment holds (the organizer's route, the manage token).
export function wire_skip_link(main) {
  document.getElementById('skip-link').addEventListener('click', (e) => {
    e.preventDefault();
    main.focus();
  });
}

// The frame's own texts in the current language.
export function label_chrome(i18n) {
  const { t } = i18n;
  document.documentElement.lang = i18n.html_lang();
  document.getElementById('skip-link').textContent = t('skip_to_content');
  document.getElementById('brand').textContent = t('app_title');
}

// Named in the language it switches to.
export function language_button(i18n, onclick) {
  const { t } = i18n;
  return h('button', {
    type: 'button', id: 'lang-switch', class: 'secondary', lang: i18n.html_lang(i18n.other()),
    'aria-label': `${t('switch_language')}: ${t('other_language')}`,
    onclick,
  }, t('other_language'));
}

// Switches, drops the flash message (it is in the old language), lets the app
// render again, and keeps the focus on the switch.
export function toggle_language(i18n, flash_el, render) {
  i18n.set_language(i18n.other());
  flash_el.replaceChildren();
  render();
  document.getElementById('lang-switch')?.focus();
}
