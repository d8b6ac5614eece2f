import { useTranslation } from 'react-i18next';
import type { UnitView } from '@diemcau/shared';
import { useDirectory } from '../../app/directory';
import { DataTable } from '../../ui/DataTable';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { useDialog } from '../../ui/useDialog';
import '../admin.css';
import { UnitDialog } from './UnitDialog';

/** The units of the regulation (committees, the Office, departments, the telecom provider). */
export function UnitsScreen() {
  const { t } = useTranslation();
  const { units, reload } = useDirectory();
  const { open: editing, show: setEditing, close, saved } = useDialog<UnitView | 'new'>(reload);
  return (
    <>
      <ScreenHeading title={t('units.title')} intro={t('units.intro')}>
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          {t('units.add')}
        </button>
      </ScreenHeading>
      <DataTable
        columns={[
          { key: 'name', header: t('units.name'), cell: (unit) => unit.name, sortBy: (unit) => unit.name },
          { key: 'kind', header: t('units.kind'), cell: (unit) => t(`unitKinds.${unit.kind}`), sortBy: (unit) => t(`unitKinds.${unit.kind}`) },
          { key: 'code', header: t('units.code'), className: 'muted', cell: (unit) => unit.code, sortBy: (unit) => unit.code },
          {
            key: 'actions',
            header: t('common.actions'),
            hiddenHeader: true,
            cell: (unit) => (
              <button type="button" className="btn btn-small" onClick={() => setEditing(unit)}>
                {t('common.edit')}
              </button>
            ),
          },
        ]}
        rows={units}
        rowKey={(unit) => unit.id}
        rowAttributes={(unit) => ({ 'data-unit-code': unit.code })}
        empty={t('units.empty')}
      />
      {editing && <UnitDialog unit={editing === 'new' ? undefined : editing} onSaved={saved} onClose={close} />}
    </>
  );
}
