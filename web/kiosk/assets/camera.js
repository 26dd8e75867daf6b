// Camera scanning with the browser's BarcodeDetector (Chromium on Android,
// ChromeOS, macOS); where it is missing the camera buttons are not shown and
// a USB or Bluetooth scanner (keyboard input) does the job.

import { h } from '../../assets/lib/dom.js';

export function camera_supported() {
  return 'BarcodeDetector' in window && Boolean(navigator.mediaDevices?.getUserMedia);
}

// Calls on_code(text) for each QR code seen; the same text again within
// `repeat_ms` is ignored, so one ticket held up is one scan.
export class camera_scanner {
  constructor(on_code, { repeat_ms = 4000 } = {}) {
    this.on_code_ = on_code;
    this.repeat_ms_ = repeat_ms;
    this.video = h('video', { class: 'camera-view', muted: true, playsinline: true, autoplay: true });
    this.stream_ = null;
    this.timer_ = null;
    this.last_ = { text: null, at: 0 };
  }

  get running() {
    return this.stream_ !== null;
  }

  async start() {
    const detector = new BarcodeDetector({ formats: ['qr_code'] });
    this.stream_ = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    this.video.srcObject = this.stream_;
    await this.video.play().catch(() => {});
    const tick = async () => {
      if (!this.stream_) return;
      try {
        if (this.video.readyState >= 2) {
          for (const code of await detector.detect(this.video)) this.seen_(code.rawValue);
        }
      } catch {
        // a frame that could not be read; the next one may
      }
      if (this.stream_) this.timer_ = setTimeout(tick, 200);
    };
    tick();
  }

  seen_(text) {
    const now = Date.now();
    if (!text || (text === this.last_.text && now - this.last_.at < this.repeat_ms_)) return;
    this.last_ = { text, at: now };
    this.on_code_(text);
  }

  stop() {
    clearTimeout(this.timer_);
    for (const track of this.stream_?.getTracks() ?? []) track.stop();
    this.stream_ = null;
    this.video.srcObject = null;
  }
}
