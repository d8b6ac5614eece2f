import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '@diemcau/shared';
import '../ui/ui.css';
import './app.css';
import { DirectoryProvider } from './directory';
import { Link } from './Link';
import { LoginScreen } from './LoginScreen';
import { navigate, useLocation } from './router';
import { isUnder, screens } from './screens';
import { useSession } from './session';
import { TopBar } from './TopBar';

/** The office application: login, then the screens the user's role may open. */
export default function App() {
  const session = useSession();
  return <div className="app">{session ? <Shell key={session.user.id} user={session.user} /> : <LoginScreen />}</div>;
}

function Shell({ user }: { user: UserView }) {
  const { t } = useTranslation();
  const { path } = useLocation();
  const allowed = screens.filter((screen) => screen.allowed(user));
  const current = allowed.find((screen) => isUnder(path, screen.path));
  const home = allowed[0]?.path;

  useEffect(() => {
    if (path === '/' && home) navigate(home, { replace: true });
  }, [path, home]);
  useEffect(() => {
    document.title = current ? `${t(current.label)} — ${t('app.title')}` : t('app.title');
  }, [current, t]);

  return (
    <>
      <TopBar user={user} />
      <nav className="main-nav" aria-label={t('nav.label')}>
        <div className="main-nav-inner">
          {allowed.map((screen) => (
            <Link key={screen.path} to={screen.path} className="nav-link" current={screen === current}>
              {t(screen.label)}
            </Link>
          ))}
        </div>
      </nav>
      <main className="app-main">
        {current ? (
          <DirectoryProvider>{current.render()}</DirectoryProvider>
        ) : (
          path !== '/' && (
            <div className="panel">
              <h1>{t('nav.notFound')}</h1>
              {home && <Link to={home}>{t('nav.goHome')}</Link>}
            </div>
          )
        )}
      </main>
    </>
  );
}
