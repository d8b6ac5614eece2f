/** Who the voice-activated layout shows, and since when. */
export interface SpeakerState {
  current: string | null;
  previous: string | null;
  since: number;
}

export const noSpeaker: SpeakerState = { current: null, previous: null, since: 0 };

/**
 * The dominant speaker takes the main pane only once the one shown has held it
 * for `holdMs`, so a cough or a short interjection does not make every room's
 * picture flap.
 */
export function nextSpeaker(state: SpeakerState, candidate: string, now: number, holdMs: number): SpeakerState {
  if (candidate === state.current) return state;
  if (state.current !== null && now - state.since < holdMs) return state;
  return { current: candidate, previous: state.current, since: now };
}
