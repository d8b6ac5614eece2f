import { useEffect, useState } from 'react';
import type { BookingCheck, MeetingRequest } from '@diemcau/shared';
import { api } from '../../app/api';

/** Wait for a pause in typing before asking the server. */
const DEBOUNCE_MS = 400;

export interface BookingCheckState {
  result: BookingCheck | undefined;
  checking: boolean;
  error: unknown;
}

/**
 * Asks the server, as the user edits, whether the request fits the calendar (POST /meetings/check
 * writes nothing). An answer that arrives after the form changed again is dropped. `version` forces
 * a fresh check, e.g. after a submission was refused because someone booked the slot meanwhile.
 */
export function useBookingCheck(payload: MeetingRequest | undefined, version: number): BookingCheckState {
  const [state, setState] = useState<BookingCheckState>({ result: undefined, checking: false, error: undefined });
  const key = payload ? JSON.stringify(payload) : '';
  useEffect(() => {
    if (!payload) {
      setState({ result: undefined, checking: false, error: undefined });
      return;
    }
    let current = true;
    setState((previous) => ({ ...previous, checking: true }));
    const timer = setTimeout(() => {
      api.meetings.check(payload).then(
        (result) => current && setState({ result, checking: false, error: undefined }),
        (error: unknown) => current && setState({ result: undefined, checking: false, error }),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // The payload is compared by value: a new object with the same content is no reason to ask again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, version]);
  return state;
}
