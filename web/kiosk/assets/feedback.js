// A short beep per scan result: high for welcome, a double mid tone for
// "already", low for a refusal. Sound is a nicety; any failure is silent.

let ctx = null;

function audio() {
  if (ctx) return ctx;
  const Ctor = window.AudioContext ?? window.webkitAudioContext;
  if (!Ctor) return null;
  ctx = new Ctor();
  return ctx;
}

function tone(context, freq, start, length) {
  const osc = context.createOscillator();
  const gain = context.createGain();
  osc.type = 'sine';
  osc.frequency.value = freq;
  gain.gain.setValueAtTime(0.2, context.currentTime + start);
  gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + start + length);
  osc.connect(gain).connect(context.destination);
  osc.start(context.currentTime + start);
  osc.stop(context.currentTime + start + length);
}

const patterns = {
  ok: [[880, 0, 0.15]],
  warn: [[520, 0, 0.12], [520, 0.18, 0.12]],
  error: [[220, 0, 0.45]],
};

export function beep(kind) {
  try {
    const context = audio();
    if (!context) return;
    if (context.state === 'suspended') context.resume().catch(() => {});
    for (const [freq, start, length] of patterns[kind] ?? patterns.error) tone(context, freq, start, length);
  } catch {
    // no audio device, or the browser refused: the screen still says it all
  }
}
