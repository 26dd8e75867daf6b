// The kiosk's service worker (scope /kiosk/): keeps a copy of the kiosk page
// and every static file it loads, so a kiosk that has been opened once can
// be reloaded without a network. Pages and files are fetched network-first
// (updates arrive while online) with the cached copy as fallback. API calls
// are left alone: the page's own offline logic answers for them.

const version = 'v1';
const cache_name = `plenary-kiosk-${version}`;
const cache_prefix = 'plenary-kiosk-';

// Keep in step with index.html and the imports of assets/*.js.
const precache = [
  '/kiosk/',
  '/kiosk/index.html',
  '/kiosk/assets/api.js',
  '/kiosk/assets/app.js',
  '/kiosk/assets/badge.js',
  '/kiosk/assets/camera.js',
  '/kiosk/assets/feedback.js',
  '/kiosk/assets/i18n.js',
  '/kiosk/assets/kiosk.css',
  '/kiosk/assets/offline.js',
  '/kiosk/assets/pairing.js',
  '/kiosk/assets/qr.js',
  '/kiosk/assets/result.js',
  '/kiosk/assets/scan_view.js',
  '/kiosk/assets/store.js',
  '/assets/lib/api.js',
  '/assets/lib/base.css',
  '/assets/lib/chrome.js',
  '/assets/lib/dom.js',
  '/assets/lib/i18n_core.js',
];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(cache_name);
    await cache.addAll(precache.map((url) => new Request(url, { cache: 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names
      .filter((name) => name.startsWith(cache_prefix) && name !== cache_name)
      .map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

function handled(request) {
  if (request.method !== 'GET') return false;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return false;
  if (url.pathname.startsWith('/api/')) return false;
  return url.pathname.startsWith('/kiosk/') || url.pathname.startsWith('/assets/');
}

async function network_first(request) {
  const cache = await caches.open(cache_name);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') {
      await cache.put(request, response.clone()).catch(() => {});
    }
    return response;
  } catch (err) {
    const cached = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
    if (cached) return cached;
    if (request.mode === 'navigate') {
      const page = await cache.match('/kiosk/');
      if (page) return page;
    }
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  if (!handled(event.request)) return;
  event.respondWith(network_first(event.request));
});
