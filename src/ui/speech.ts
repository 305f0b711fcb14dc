/**
 * Read-aloud for hand-over mode: the browser's speech synthesis. Each part is read in its own
 * language – the screen's words in the one the user chose, the instrument's statements always in
 * Swedish, with a Swedish voice where the device has one. Where the browser has no speech synthesis
 * the control is not shown at all.
 */
import { currentLang, type Lang, LOCALES } from './i18n/locale';

type SpeechWindow = Partial<Pick<Window, 'speechSynthesis'>> & {
  SpeechSynthesisUtterance?: typeof SpeechSynthesisUtterance;
};

/** A stretch of text in one language. */
export interface SpeechPart {
  text: string;
  lang: Lang;
}

/** What a screen gives to "Läs upp": plain text in the chosen language, or parts by language. */
export type SpeechText = string | readonly SpeechPart[];

export function speechAvailable(win: SpeechWindow = window): boolean {
  return win.speechSynthesis !== undefined && typeof win.SpeechSynthesisUtterance === 'function';
}

const norm = (lang: string) => lang.toLowerCase().replace('_', '-');

/** The first voice of a language (sv-SE before other sv), or undefined to let the browser pick. */
function voiceFor(voices: readonly SpeechSynthesisVoice[], locale: string): SpeechSynthesisVoice | undefined {
  const base = norm(locale).split('-')[0] ?? '';
  const same = voices.filter((v) => norm(v.lang).startsWith(base));
  return same.find((v) => norm(v.lang) === norm(locale)) ?? same[0];
}

/** The first Swedish voice (sv-SE before other sv), or undefined to let the browser pick by lang. */
export function swedishVoice(voices: readonly SpeechSynthesisVoice[]): SpeechSynthesisVoice | undefined {
  return voiceFor(voices, 'sv-SE');
}

/** The parts to read, neighbours in the same language joined into one utterance. */
export function speechParts(what: SpeechText, lang: Lang = currentLang()): SpeechPart[] {
  const parts = typeof what === 'string' ? [{ text: what, lang }] : what;
  const joined: SpeechPart[] = [];
  for (const p of parts) {
    const last = joined.at(-1);
    if (last && last.lang === p.lang) last.text = `${last.text} ${p.text}`;
    else if (p.text.trim() !== '') joined.push({ ...p });
  }
  return joined;
}

/** Reads `what` aloud, interrupting anything still being read. */
export function speak(what: SpeechText, win: SpeechWindow = window): void {
  const synth = win.speechSynthesis;
  const Utterance = win.SpeechSynthesisUtterance;
  if (!synth || !Utterance) return;
  synth.cancel();
  for (const part of speechParts(what)) {
    const utterance = new Utterance(part.text);
    utterance.lang = LOCALES[part.lang];
    const voice = voiceFor(synth.getVoices(), LOCALES[part.lang]);
    if (voice) utterance.voice = voice;
    synth.speak(utterance);
  }
}

/** Stops reading (a new screen, or the questionnaire closed). */
export function stopSpeaking(win: SpeechWindow = window): void {
  win.speechSynthesis?.cancel();
}
