import { useTranslation } from 'react-i18next';
import type { UserView } from '@diemcau/shared';
import { api } from '../../app/api';
import { useDirectory } from '../../app/directory';
import { useCurrentUser } from '../../app/session';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorNotice } from '../../ui/Notice';
import { DataTable } from '../../ui/DataTable';
import { PAGE_SIZE } from '../../ui/tableRows';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { useDialog } from '../../ui/useDialog';
import { useResource } from '../../ui/useResource';
import '../admin.css';
import { ChangeRoleDialog } from './ChangeRoleDialog';
import { NewUserDialog } from './NewUserDialog';
import { ResetPasswordDialog } from './ResetPasswordDialog';

type Editing = { kind: 'new' } | { kind: 'password' | 'toggle' | 'role'; user: UserView };

/** Accounts and their roles. Disabling, a new password or a new role ends the user's sessions at once. */
export function UsersScreen() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { unitName, siteName } = useDirectory();
  const users = useResource(() => api.users.list(), []);
  const { open: editing, show: setEditing, close, saved } = useDialog<Editing>(users.reload);

  return (
    <>
      <ScreenHeading title={t('users.title')} intro={t('users.intro')}>
        <button type="button" className="btn btn-primary" onClick={() => setEditing({ kind: 'new' })}>
          {t('users.add')}
        </button>
      </ScreenHeading>
      <ErrorNotice error={users.error} />
      <DataTable
        columns={[
          { key: 'displayName', header: t('users.displayName'), cell: (user) => user.displayName, sortBy: (user) => user.displayName },
          { key: 'username', header: t('users.username'), cell: (user) => user.username, sortBy: (user) => user.username },
          { key: 'role', header: t('users.role'), cell: (user) => t(`roles.${user.role}`), sortBy: (user) => t(`roles.${user.role}`) },
          {
            key: 'unitOrSite',
            header: t('users.unitOrSite'),
            cell: (user) => (
              <>
                {user.unitId !== null && unitName(user.unitId)}
                {user.siteId !== null && (
                  <>
                    <br />
                    {t('users.siteOf', { site: siteName(user.siteId) })}
                  </>
                )}
              </>
            ),
            sortBy: (user) => (user.unitId === null ? undefined : unitName(user.unitId)),
          },
          {
            key: 'status',
            header: t('users.status'),
            cell: (user) =>
              user.active ? <span className="badge badge-ok">{t('users.active')}</span> : <span className="badge badge-danger">{t('users.disabled')}</span>,
            sortBy: (user) => (user.active ? 0 : 1),
          },
          {
            key: 'actions',
            header: t('common.actions'),
            hiddenHeader: true,
            cell: (user) => (
              <div className="actions">
                <button type="button" className="btn btn-small" onClick={() => setEditing({ kind: 'password', user })}>
                  {t('users.resetPassword')}
                </button>
                {user.id !== me.id && (
                  <button type="button" className="btn btn-small" onClick={() => setEditing({ kind: 'role', user })}>
                    {t('users.changeRole')}
                  </button>
                )}
                {user.id !== me.id && (
                  <button type="button" className={`btn btn-small${user.active ? ' btn-danger' : ''}`} onClick={() => setEditing({ kind: 'toggle', user })}>
                    {user.active ? t('users.disable') : t('users.enable')}
                  </button>
                )}
              </div>
            ),
          },
        ]}
        rows={users.data}
        rowKey={(user) => user.id}
        rowAttributes={(user) => ({ 'data-username': user.username, 'data-inactive': !user.active })}
        empty={t('users.empty')}
        pageSize={PAGE_SIZE}
      />
      {editing?.kind === 'new' && <NewUserDialog onSaved={saved} onClose={close} />}
      {editing?.kind === 'role' && <ChangeRoleDialog user={editing.user} onSaved={saved} onClose={close} />}
      {editing?.kind === 'password' && <ResetPasswordDialog user={editing.user} onSaved={saved} onClose={close} />}
      {editing?.kind === 'toggle' && (
        <ConfirmDialog
          title={editing.user.active ? t('users.disableTitle') : t('users.enableTitle')}
          confirmLabel={editing.user.active ? t('users.disable') : t('users.enable')}
          danger={editing.user.active}
          onConfirm={() => api.users.update(editing.user.id, { active: !editing.user.active }).then(users.reload)}
          onClose={close}
        >
          <p>{t(editing.user.active ? 'users.disableBody' : 'users.enableBody', { name: editing.user.displayName })}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
