import { lazy, Suspense, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type SessionState } from '@diemcau/shared';
import { api } from '../app/api';
import { logRejection } from '../ui/logRejection';

/** Loaded only when a technician opens it: the office styles and check code stay off the kiosk page. */
const CheckRunner = lazy(() => import('../technician/check/CheckRunner').then((module) => ({ default: module.CheckRunner })));
const KioskFeedback = lazy(() => import('../feedback/KioskFeedback').then((module) => ({ default: module.KioskFeedback })));

/**
 * The kiosk's technician mode (Art. 6.4): the site's own technician (or the
 * bridge) logs in on the room PC and runs the pre-session check there, with
 * the room's own camera, microphone, speaker and line. Nothing else of the
 * kiosk can be configured (Art. 7.2.d).
 */
export function TechnicianMode({ state, onClose }: { state: SessionState; onClose: () => void }) {
  const { t } = useTranslation();
  const [site, setSite] = useState<{ id: number; code: string; name: string }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const logIn = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      const session = await api.login(fieldText(form, 'username'), fieldText(form, 'password'));
      const found = (await api.sites.list()).find((candidate) => candidate.code === state.site.code);
      if (!found || !can(session.user, 'site:check', { siteId: found.id })) {
        await api.logout();
        setError(t('kiosk.technician.notAllowed'));
        return;
      }
      setSite({ id: found.id, code: found.code, name: found.name });
    } catch {
      setError(t('kiosk.technician.loginFailed'));
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    void api.logout().catch(logRejection);
    onClose();
  };

  const meetingId = state.phase === 'live' ? state.meeting.id : (state.next?.id ?? null);
  return (
    <div className="kiosk-technician" role="dialog" aria-label={t('kiosk.technician.title')}>
      <div className="app kiosk-technician-panel">
        <header className="kiosk-technician-head">
          <h1>{t('kiosk.technician.title')}</h1>
          <button type="button" className="btn" onClick={close}>
            {t('kiosk.technician.close')}
          </button>
        </header>
        {site ? (
          <Suspense fallback={null}>
            <CheckRunner site={site} meetingId={meetingId} />
            <KioskFeedback siteId={site.id} meetingId={meetingId} />
          </Suspense>
        ) : (
          <form className="kiosk-technician-login" onSubmit={(event) => void logIn(event).catch(logRejection)}>
            <p>{t('kiosk.technician.intro', { site: state.site.name })}</p>
            <label>
              {t('kiosk.technician.username')}
              <input name="username" autoComplete="off" required />
            </label>
            <label>
              {t('kiosk.technician.password')}
              <input name="password" type="password" required />
            </label>
            {error && (
              <p role="alert" className="kiosk-technician-error">
                {error}
              </p>
            )}
            <button type="submit" className="btn btn-primary btn-large" disabled={busy}>
              {t('kiosk.technician.logIn')}
            </button>
          </form>
        )}
      </div>
    </div>
  );
}

/** A text input's value (FormData also holds files, which this form has none of). */
function fieldText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
