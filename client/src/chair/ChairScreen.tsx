import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../ui/ui.css';
import '../app/app.css';
import { LoginScreen } from '../app/LoginScreen';
import { can } from '../app/permissions';
import { useSession } from '../app/session';
import { Notice } from '../ui/Notice';
import { ChairConsole } from './ChairConsole';
import './chair.css';
import { MeetingPicker } from './MeetingPicker';

/**
 * The chair operator's console (Art. 7.1.c–d): log in, pick the live meeting
 * (the only one is picked at once), then drive what every room sees and hears.
 * `?meeting=<id>` in the address opens that meeting directly.
 */
export function ChairScreen() {
  const session = useSession();
  return (
    <div className="app chair-app">
      {!session ? <LoginScreen /> : can(session.user, 'meeting:operate') ? <ChairHome key={session.user.id} /> : <NotAnOperator />}
    </div>
  );
}

function ChairHome() {
  const [meetingId, setMeetingId] = useState(() => new URLSearchParams(window.location.search).get('meeting'));
  // Only the first visit jumps into the only live meeting; coming back to the list stays on it.
  const [autoPick, setAutoPick] = useState(true);
  if (meetingId) {
    return (
      <ChairConsole
        meetingId={meetingId}
        onLeave={() => {
          setAutoPick(false);
          setMeetingId(null);
        }}
      />
    );
  }
  return <MeetingPicker autoPick={autoPick} onPick={setMeetingId} />;
}

function NotAnOperator() {
  const { t } = useTranslation();
  return (
    <main className="chair-message">
      <Notice tone="warning" title={t('chair.notOperator')}>
        <p>{t('chair.notOperatorHint')}</p>
      </Notice>
    </main>
  );
}
