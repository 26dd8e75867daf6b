// Fills the landing page with the published events, in both languages, each
// with its dates in the event's own time zone and a link to its page.
import { h, replace_children } from '/assets/lib/dom.js';
import { format_date_range } from '/e/assets/time.js';

const list = document.getElementById('events');

function event_item(e) {
  const titles = [e.title?.en, e.title?.zh].filter(Boolean);
  const lang = navigator.language?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  return h('li', { class: 'event' },
    h('a', { href: `/e/${encodeURIComponent(e.slug)}` }, titles[0] ?? e.slug),
    titles[1] ? h('span', { class: 'alt', lang: 'zh' }, titles[1]) : null,
    h('span', { class: 'meta' }, format_date_range(e.starts_at, e.ends_at, e.timezone, lang),
      e.venue ? ` · ${e.venue}` : ''));
}

async function load() {
  try {
    const res = await fetch('/api/v1/events', { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const { items } = await res.json();
    const open = items.filter((e) => e.status === 'published');
    replace_children(list, open.length ? open.map(event_item) : h('li', null, 'No events yet. · 暂无活动。'));
  } catch {
    replace_children(list, h('li', null, 'The events could not be loaded. · 无法加载活动列表。'));
  }
}

load();
