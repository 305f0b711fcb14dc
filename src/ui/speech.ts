/**
 * Read-aloud for hand-over mode: the browser's speech synthesis with a Swedish voice where the
 * device has one. Where the browser has no speech synthesis the control is not shown at all.
 */

type SpeechWindow = Partial<Pick<Window, 'speechSynthesis'>> & {
  SpeechSynthesisUtterance?: typeof SpeechSynthesisUtterance;
};

export function speechAvailable(win: SpeechWindow = window): boolean {
  return win.speechSynthesis !== undefined && typeof win.SpeechSynthesisUtterance === 'function';
}

/** The first Swedish voice (sv-SE before other sv), or undefined to let the browser pick by lang. */
export function swedishVoice(voices: readonly SpeechSynthesisVoice[]): SpeechSynthesisVoice | undefined {
  const sv = voices.filter((v) => v.lang.toLowerCase().replace('_', '-').startsWith('sv'));
  return sv.find((v) => v.lang.toLowerCase().replace('_', '-') === 'sv-se') ?? sv[0];
}

/** Reads `text` aloud in Swedish, interrupting anything still being read. */
export function speak(text: string, win: SpeechWindow = window): void {
  const synth = win.speechSynthesis;
  const Utterance = win.SpeechSynthesisUtterance;
  if (!synth || !Utterance) return;
  synth.cancel();
  const utterance = new Utterance(text);
  utterance.lang = 'sv-SE';
  const voice = swedishVoice(synth.getVoices());
  if (voice) utterance.voice = voice;
  synth.speak(utterance);
}

/** Stops reading (a new screen, or the questionnaire closed). */
export function stopSpeaking(win: SpeechWindow = window): void {
  win.speechSynthesis?.cancel();
}
