// The live feeds' WebSocket that keeps itself connected, shared by the
// dashboard (/dashboard/) and the hall display (/display/): a check over
// HTTP before each connection, reconnection with exponential backoff and
// jitter, close codes 1001 (server restarting: come back) and 1008 (access
// gone: stop), and the connection state for a visible, announced status line.
// The server only sends; this side never writes to the socket.

import { h, replace_children } from './dom.js';

// Thrown by a preflight when connecting again cannot help (signed out, no
// such event, feed switched off); the socket stops with it.
export class stop_error extends Error {
  constructor(reason, detail) {
    super(detail ?? reason);
    this.reason = reason;
    this.detail = detail;
  }
}

const first_delay_ms = 500;
const max_delay_ms = 30_000;
// A connection that lasted this long was a good one: the next drop starts the
// backoff from the beginning instead of where the last bad spell left it.
const stable_ms = 10_000;
// A socket that has not brought its first message by then is given up and
// tried again (a half-open network can hold a handshake for minutes).
const first_message_ms = 15_000;

// Access revoked or event gone: retrying cannot help. Every other close,
// 1001 (the server shutting down or restarting) included, is retried.
const close_policy = 1008;

// "wss://this host/path": the page and the feed share an origin, so the
// session cookie goes along and the server's Origin check passes.
export function socket_url(path) {
  return `${location.protocol === 'http:' ? 'ws:' : 'wss:'}//${location.host}${path}`;
}

// States: connecting (retry: after a failure), live, reconnecting (retry_at
// set), offline (the browser says there is no network; retried when it comes
// back) and stopped (reason, detail).
export class live_socket {
  // preflight(): an async check before each connection; throwing stop_error
  // stops, anything else counts as a failed attempt. on_message(data) gets
  // each parsed message; on_state(state) each change of state.
  constructor(path, { preflight, on_message, on_state }) {
    Object.assign(this, { path, preflight, on_message, on_state });
    this.ws = null;
    this.attempt = 0;
    this.timer = null;
    this.opened_at = 0;
    this.state = { name: 'idle' };
    this.closed = false;
    this.generation = 0;  // a connect() whose preflight outlived it must not open a socket
    this.on_online = () => this.retry_now();
    this.on_offline = () => this.went_offline();
  }

  start() {
    window.addEventListener('online', this.on_online);
    window.addEventListener('offline', this.on_offline);
    this.connect();
  }

  // Ends for good (the page is going away or the view changes).
  close() {
    this.closed = true;
    this.clear_timer();
    window.removeEventListener('online', this.on_online);
    window.removeEventListener('offline', this.on_offline);
    this.drop_socket();
  }

  // While waiting to reconnect: try at once (the "Retry now" button, the
  // network coming back).
  retry_now() {
    if (this.closed || !['reconnecting', 'offline'].includes(this.state.name)) return;
    this.clear_timer();
    this.connect();
  }

  set_state(state) {
    this.state = state;
    this.on_state?.(state);
  }

  clear_timer() {
    clearTimeout(this.timer);
    this.timer = null;
  }

  drop_socket() {
    const ws = this.ws;
    this.ws = null;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    if (ws.readyState <= WebSocket.OPEN) ws.close(1000);
  }

  async connect() {
    this.generation += 1;
    const generation = this.generation;
    const current = () => !this.closed && generation === this.generation;
    // A retry after a failure is told apart, so the status line does not
    // announce "connecting" anew on every attempt.
    this.set_state({ name: 'connecting', retry: this.attempt > 0 });
    try {
      await this.preflight?.();
    } catch (e) {
      if (!current()) return;
      if (e instanceof stop_error) this.stop(e.reason, e.detail);
      else this.schedule_retry();
      return;
    }
    if (!current()) return;
    const ws = new WebSocket(socket_url(this.path));
    this.ws = ws;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.ws !== ws || this.state.name === 'live') return;
      this.drop_socket();
      this.schedule_retry();
    }, first_message_ms);
    ws.onopen = () => { this.opened_at = Date.now(); };
    ws.onmessage = (e) => this.receive(e.data);
    // onerror carries nothing the close event does not; onclose always follows.
    ws.onclose = (e) => this.lost(e.code, e.reason);
  }

  receive(text) {
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      return;  // not ours to understand; the next message is a whole state again
    }
    // "Live" once the server has said something: an open socket whose
    // snapshot never comes is not live yet.
    if (this.state.name !== 'live') {
      this.clear_timer();
      this.set_state({ name: 'live' });
    }
    this.on_message?.(data);
  }

  lost(code, reason) {
    const lasted = this.opened_at ? Date.now() - this.opened_at : 0;
    this.ws = null;
    this.opened_at = 0;
    this.clear_timer();
    if (this.closed) return;
    if (code === close_policy) {
      this.stop('closed_by_server', reason);
      return;
    }
    if (lasted >= stable_ms) this.attempt = 0;
    this.schedule_retry();
  }

  // Doubling from 0.5 s up to 30 s; each wait is drawn from its upper half,
  // so a hall full of screens does not come back all in the same instant.
  schedule_retry() {
    if (!navigator.onLine) {
      this.set_state({ name: 'offline' });
      return;
    }
    const ceiling = Math.min(max_delay_ms, first_delay_ms * 2 ** this.attempt);
    const delay = Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
    this.attempt += 1;
    this.clear_timer();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect();
    }, delay);
    this.set_state({ name: 'reconnecting', retry_at: Date.now() + delay });
  }

  // No network means the socket is dead even if it has not noticed yet;
  // the "online" event brings it back at once.
  went_offline() {
    if (this.closed || this.state.name === 'stopped') return;
    this.generation += 1;
    this.clear_timer();
    this.drop_socket();
    this.set_state({ name: 'offline' });
  }

  stop(reason, detail) {
    this.generation += 1;
    this.clear_timer();
    this.drop_socket();
    this.set_state({ name: 'stopped', reason, detail });
  }
}

// The status line's texts; each page's i18n merges them into its tables.
export const live_strings = {
  en: {
    conn_idle: 'Not connected',
    conn_connecting: 'Connecting…',
    conn_retrying: 'Reconnecting…',
    conn_live: 'Live',
    conn_reconnecting: 'Connection lost, reconnecting',
    conn_reconnecting_in: 'Connection lost, reconnecting in {n} s',
    conn_offline: 'Offline: waiting for the network',
    conn_stopped: 'Not updating',
    conn_retry: 'Retry now',
  },
  zh: {
    conn_idle: '未连接',
    conn_connecting: '正在连接…',
    conn_retrying: '正在重新连接…',
    conn_live: '实时',
    conn_reconnecting: '连接中断，正在重新连接',
    conn_reconnecting_in: '连接中断，{n} 秒后重新连接',
    conn_offline: '离线：等待网络恢复',
    conn_stopped: '已停止更新',
    conn_retry: '立即重试',
  },
};

// Fills `box` with the state: a dot and a visible label (with a countdown
// while reconnecting), a "Retry now" button while waiting, and a polite live
// region that announces each change of state once, not every second of the
// countdown. `texts(key, vars)` gives the words as one string (in one
// language, or both).
// box.dataset.connection holds the state name for styling (and tests).
export class connection_status {
  constructor(box, texts) {
    this.box = box;
    this.texts = texts;
    this.socket = null;
    this.state = { name: 'idle' };
    this.tick = null;
    this.announced = '';
    this.visible = h('span', { class: 'connection-label', 'aria-hidden': 'true' });
    this.spoken = h('span', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
    this.retry = h('button', { type: 'button', class: 'secondary connection-retry', hidden: true,
                               onclick: () => this.socket?.retry_now() });
    replace_children(box, h('span', { class: 'connection-dot', 'aria-hidden': 'true' }), this.visible, this.spoken, this.retry);
  }

  set_texts(texts) {
    this.texts = texts;
    this.announced = '';
    this.render();
  }

  show(state) {
    this.state = state;
    clearInterval(this.tick);
    this.tick = null;
    if (state.name === 'reconnecting') this.tick = setInterval(() => this.render_label(), 1000);
    this.render();
  }

  seconds_left() {
    return Math.max(0, Math.ceil(((this.state.retry_at ?? 0) - Date.now()) / 1000));
  }

  render() {
    const { name } = this.state;
    this.box.dataset.connection = name;
    this.render_label();
    replace_children(this.retry, this.texts('conn_retry'));
    this.retry.hidden = !['reconnecting', 'offline'].includes(name);
  }

  render_label() {
    const { name, retry } = this.state;
    const retrying = name === 'reconnecting' || (name === 'connecting' && retry);
    let label = this.texts(`conn_${name}`);
    if (name === 'reconnecting') label = this.texts('conn_reconnecting_in', { n: this.seconds_left() });
    else if (retrying) label = this.texts('conn_retrying');
    replace_children(this.visible, label);
    // The spoken line says the state once: neither the countdown nor each
    // new attempt is read out.
    const spoken = retrying ? this.texts('conn_reconnecting') : label;
    if (spoken !== this.announced) {
      this.announced = spoken;
      replace_children(this.spoken, spoken);
    }
  }

  dispose() {
    clearInterval(this.tick);
  }
}
