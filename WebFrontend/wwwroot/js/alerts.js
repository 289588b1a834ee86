// Alerts for people who are looking elsewhere: a short tone made with WebAudio (no sound files) and, once the person
// allowed it by clicking "Desktop notifications", a notification through the Notification API. The mute switch is
// remembered in localStorage; permission is asked only when the button is clicked, never on page load.
import { el } from './dom.js';

const MUTE_KEY = 'orleanschat.muted';
/** Tones per kind of alert: [frequency Hz, duration s] pairs played one after another. */
const TONES = { message: [[880, 0.12]], offer: [[660, 0.12], [990, 0.18]] };

let audio = null;

function play(kind) {
  try {
    const AudioContext = window.AudioContext || window.webkitAudioContext;
    if (!AudioContext) return;
    audio ??= new AudioContext();
    if (audio.state === 'suspended') audio.resume().catch(() => {});
    let at = audio.currentTime;
    for (const [frequency, duration] of TONES[kind] ?? TONES.message) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = frequency;
      gain.gain.value = 0.05;
      osc.connect(gain).connect(audio.destination);
      osc.start(at);
      osc.stop(at + duration);
      at += duration + 0.05;
    }
  } catch {
    // audio is optional (no device, or the browser refuses before a click)
  }
}

export const muted = () => localStorage.getItem(MUTE_KEY) === '1';

/** True when the page is not what the person is looking at. */
export const away = () => document.hidden || !document.hasFocus();

/**
 * Raises an alert: the tone (unless muted) and a desktop notification when permitted and the page is not in front.
 * kind: 'message' | 'offer'; title and body are plain text (the Notification API renders no markup).
 */
export function alertPerson(kind, title, body) {
  if (!muted()) play(kind);
  if ('Notification' in window && Notification.permission === 'granted' && away()) {
    try {
      const note = new Notification(title, { body: String(body ?? '').slice(0, 200), tag: `orleanschat-${kind}` });
      note.onclick = () => { window.focus(); note.close(); };
    } catch {
      // some platforms only allow notifications from a service worker
    }
  }
}

/** The header controls: "Sound on/off" (a toggle button) and "Desktop notifications" while permission is not decided. */
export function renderAlertControls(container) {
  const sound = el('button', { type: 'button', class: 'sound-toggle' });
  const drawSound = () => {
    sound.setAttribute('aria-pressed', String(!muted()));
    sound.textContent = muted() ? 'Sound: off' : 'Sound: on';
  };
  sound.addEventListener('click', () => {
    localStorage.setItem(MUTE_KEY, muted() ? '0' : '1');
    drawSound();
  });
  drawSound();
  const status = el('span', { class: 'notify-status', role: 'status' });
  const ask = el('button', { type: 'button' }, 'Desktop notifications');
  const drawAsk = () => {
    const supported = 'Notification' in window;
    ask.hidden = !supported || Notification.permission !== 'default';
    status.textContent = !supported ? '' : Notification.permission === 'granted' ? 'Notifications on'
      : Notification.permission === 'denied' ? 'Notifications blocked in the browser' : '';
  };
  ask.addEventListener('click', async () => {
    try {
      await Notification.requestPermission();
    } catch {
      // older browsers take a callback; the state is read again below either way
    }
    drawAsk();
  });
  drawAsk();
  container.replaceChildren(sound, ask, status);
  container.hidden = false;
}
