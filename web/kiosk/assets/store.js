// What the kiosk keeps in localStorage: its token, the last kiosk/self answer,
// the offline copy of the attendee list, the queue of scans decided offline
// and who was admitted here. Storage can be full or disabled; the kiosk then
// keeps working from memory for this page's lifetime.

const prefix = 'plenary.kiosk.';
const memory = new Map();

function read(key, fallback) {
  let text = memory.get(key) ?? null;
  try {
    text = localStorage.getItem(prefix + key) ?? text;
  } catch {
    // memory copy only
  }
  if (text === null) return fallback;
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}

function write(key, value) {
  const text = JSON.stringify(value);
  memory.set(key, text);
  try {
    localStorage.setItem(prefix + key, text);
  } catch {
    // memory copy only
  }
}

function remove(key) {
  memory.delete(key);
  try {
    localStorage.removeItem(prefix + key);
  } catch {
    // nothing stored
  }
}

export const store = {
  token: () => read('token', null),
  set_token: (token) => write('token', token),
  self: () => read('self', null),
  set_self: (self) => write('self', self),
  data: () => read('data', null),
  set_data: (data) => write('data', data),
  queue: () => read('queue', []),
  set_queue: (queue) => write('queue', queue),
  // registration id -> when this kiosk admitted them (ISO time)
  admitted: () => read('admitted', {}),
  set_admitted: (admitted) => write('admitted', admitted),

  // Unpairing forgets everything: the next pairing may be for another event.
  clear() {
    for (const key of ['token', 'self', 'data', 'queue', 'admitted']) remove(key);
  },
};
