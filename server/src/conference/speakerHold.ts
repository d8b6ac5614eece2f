/**
 * Who the voice-activated layout shows, and who is waiting to take over: the room the bridge
 * reports as the dominant speaker, since when it has been speaking without a break (null while
 * it is quieter than the minimum speech level).
 */
export interface SpeakerState {
  current: string | null;
  previous: string | null;
  candidate: string | null;
  speakingSince: number | null;
}

export const noSpeaker: SpeakerState = { current: null, previous: null, candidate: null, speakingSince: null };

export interface SpeakerHold {
  holdMs: number;
  /** Audio level, 0..1 as the room reports it, below which a room is not speaking. */
  minLevel: number;
}

/** The bridge named a new dominant speaker: it becomes the candidate, speaking from now. */
export function dominantSpeakerChanged(state: SpeakerState, siteCode: string, now: number): SpeakerState {
  if (siteCode === state.current) return state.candidate === null ? state : { ...state, candidate: null, speakingSince: null };
  if (siteCode === state.candidate) return state;
  return { ...state, candidate: siteCode, speakingSince: now };
}

/**
 * A round of audio levels. The candidate takes the main pane once it has been at or above the
 * minimum level for the whole hold; a candidate falling quiet starts its hold again, so one who
 * talks for less than the hold never takes it.
 */
export function levelsHeard(state: SpeakerState, levels: ReadonlyMap<string, number>, now: number, hold: SpeakerHold): SpeakerState {
  if (state.candidate === null) return state;
  if ((levels.get(state.candidate) ?? 0) < hold.minLevel) return state.speakingSince === null ? state : { ...state, speakingSince: null };
  if (state.speakingSince === null) return { ...state, speakingSince: now };
  if (now - state.speakingSince < hold.holdMs) return state;
  return { current: state.candidate, previous: state.current, candidate: null, speakingSince: null };
}
