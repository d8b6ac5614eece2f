import { useSyncExternalStore } from 'react';
import { Session, type UserView } from '@diemcau/shared';

const STORAGE_KEY = 'diemcau.session';

function readStored(): Session | null {
  const parsed = Session.safeParse(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null'));
  return parsed.success ? parsed.data : null;
}

/**
 * The logged-in session (the short-lived access token and the user; the refresh token is an HttpOnly
 * cookie), kept in localStorage so a reload or a second tab stays logged in.
 * Another tab logging in, out, or refreshing the tokens is picked up through the storage event.
 */
class SessionStore {
  private session = readStored();
  /** Set when the server ended the session rather than the user logging out, so the login page can say so. */
  endedByServer = false;
  private readonly listeners = new Set<() => void>();

  constructor() {
    window.addEventListener('storage', (event) => {
      if (event.key === STORAGE_KEY) this.reload();
    });
  }

  get current(): Session | null {
    return this.session;
  }

  /** Re-reads what another tab may have written meanwhile. */
  reload(): Session | null {
    const stored = readStored();
    if (JSON.stringify(stored) !== JSON.stringify(this.session)) {
      this.session = stored;
      this.emit();
    }
    return this.session;
  }

  set(session: Session | null): void {
    this.session = session;
    if (session) this.endedByServer = false;
    if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else localStorage.removeItem(STORAGE_KEY);
    this.emit();
  }

  /** The server no longer accepts this session: back to the login page, with a word why. */
  endedOnServer(): void {
    this.endedByServer = true;
    this.set(null);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

export const sessions = new SessionStore();

export function useSession(): Session | null {
  return useSyncExternalStore(sessions.subscribe, () => sessions.current);
}

/** The logged-in user; only for screens shown after login. */
export function useCurrentUser(): UserView {
  const session = useSession();
  if (!session) throw new Error('useCurrentUser before login');
  return session.user;
}
