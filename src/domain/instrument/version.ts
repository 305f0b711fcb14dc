// The instrument's version, stored on every response. Invariant: any change to a text, a slot,
// a form's composition or the scale is a new instrument and must change this constant.

/**
 * Version B of seed 004 (NNS report, mätpunkter fixed by the styrgrupp 2014-12-17
 * [004:4287–4288]), first transcription into Fältsam. The suffix counts our own revisions of
 * that transcription, so answers collected under different wording are never pooled unnoticed.
 */
export const INSTRUMENT_VERSION = 'nns-karnindikatorer-B-2014-12-17.1' as const;
export type InstrumentVersion = typeof INSTRUMENT_VERSION;

/**
 * Every version answers have been stored under, oldest first, the current one last. An answer
 * keeps the version it was asked in; a later instrument adds its version here and never rewrites
 * an old answer. 'B' is how the first stegförflyttning measurements named the same wording.
 */
export const KNOWN_INSTRUMENT_VERSIONS = ['B', INSTRUMENT_VERSION] as const;
export type KnownInstrumentVersion = (typeof KNOWN_INSTRUMENT_VERSIONS)[number];
