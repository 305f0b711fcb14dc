import { describe, expect, it, vi } from 'vitest';
import { speak, speechAvailable, swedishVoice } from '../../../src/ui/speech';

const voice = (lang: string, name = lang) => ({ lang, name }) as SpeechSynthesisVoice;

describe('read-aloud', () => {
  it('is available only where the browser has speech synthesis', () => {
    expect(speechAvailable({})).toBe(false);
    expect(speechAvailable({ speechSynthesis: {} as SpeechSynthesis })).toBe(false);
    expect(
      speechAvailable({
        speechSynthesis: {} as SpeechSynthesis,
        SpeechSynthesisUtterance: class {} as unknown as typeof SpeechSynthesisUtterance,
      }),
    ).toBe(true);
  });

  it('prefers a sv-SE voice, then any Swedish one, else none', () => {
    expect(swedishVoice([voice('en-US'), voice('sv-FI'), voice('sv_SE')])?.lang).toBe('sv_SE');
    expect(swedishVoice([voice('en-US'), voice('sv-FI')])?.lang).toBe('sv-FI');
    expect(swedishVoice([voice('en-US')])).toBeUndefined();
  });

  it('interrupts what is being read and speaks in Swedish', () => {
    const synth = { cancel: vi.fn(), speak: vi.fn(), getVoices: () => [voice('sv-SE')] };
    class Utterance {
      lang = '';
      voice: unknown;
      constructor(readonly text: string) {}
    }
    speak('Påstående 1 av 7', {
      speechSynthesis: synth as unknown as SpeechSynthesis,
      SpeechSynthesisUtterance: Utterance as unknown as typeof SpeechSynthesisUtterance,
    });
    expect(synth.cancel).toHaveBeenCalledOnce();
    expect(synth.speak.mock.calls[0]?.[0]).toMatchObject({ text: 'Påstående 1 av 7', lang: 'sv-SE' });
  });
});
