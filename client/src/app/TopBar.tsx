import { useTranslation } from 'react-i18next';
import type { UserView } from '@diemcau/shared';
import { api } from './api';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';
import { logRejection } from '../ui/logRejection';

export function TopBar({ user }: { user: UserView }) {
  const { t } = useTranslation();
  return (
    <header className="top-bar">
      <div className="top-bar-inner">
        <div className="brand">
          <span className="brand-emblem" aria-hidden="true">
            ◉
          </span>
          <span className="brand-name">{t('app.fullTitle')}</span>
        </div>
        <div className="top-bar-tools">
          <NotificationBell />
          <LanguageSwitch />
          <div className="user-badge" data-testid="current-user">
            <span className="user-name">{user.displayName}</span>
            <span className="user-role">{t(`roles.${user.role}`)}</span>
          </div>
          <button type="button" className="btn btn-small logout" onClick={() => void api.logout().catch(logRejection)}>
            {t('app.logout')}
          </button>
        </div>
      </div>
    </header>
  );
}
