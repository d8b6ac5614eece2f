import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitView } from '@diemcau/shared';
import { useDirectory } from '../../app/directory';
import { ScreenHeading } from '../../ui/ScreenHeading';
import '../admin.css';
import { UnitDialog } from './UnitDialog';

/** The units of the regulation (committees, the Office, departments, the telecom provider). */
export function UnitsScreen() {
  const { t } = useTranslation();
  const { units, reload } = useDirectory();
  const [editing, setEditing] = useState<UnitView | 'new'>();
  return (
    <>
      <ScreenHeading title={t('units.title')} intro={t('units.intro')}>
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          {t('units.add')}
        </button>
      </ScreenHeading>
      <div className="admin-table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t('units.name')}</th>
              <th>{t('units.kind')}</th>
              <th>{t('units.code')}</th>
              <th aria-label={t('common.actions')} />
            </tr>
          </thead>
          <tbody>
            {units.map((unit) => (
              <tr key={unit.id} data-unit-code={unit.code}>
                <td>{unit.name}</td>
                <td>{t(`unitKinds.${unit.kind}`)}</td>
                <td className="muted">{unit.code}</td>
                <td>
                  <button type="button" className="btn btn-small" onClick={() => setEditing(unit)}>
                    {t('common.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing && (
        <UnitDialog
          unit={editing === 'new' ? undefined : editing}
          onSaved={() => {
            setEditing(undefined);
            reload();
          }}
          onClose={() => setEditing(undefined)}
        />
      )}
    </>
  );
}
