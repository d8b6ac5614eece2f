import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SiteView, UnitView } from '@diemcau/shared';
import { ErrorNotice } from '../ui/Notice';
import { useResource } from '../ui/useResource';
import { api } from './api';

/** Units and sites: every screen names them, so they are loaded once after login and shared. */
export interface Directory {
  units: UnitView[];
  sites: SiteView[];
  unitName: (id: number | null) => string;
  siteName: (id: number) => string;
  /** After an admin changed a unit or site. */
  reload: () => void;
}

const DirectoryContext = createContext<Directory | undefined>(undefined);

export function DirectoryProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const loaded = useResource(() => Promise.all([api.units.list(), api.sites.list()]), []);
  const directory = useMemo<Directory | undefined>(() => {
    if (!loaded.data) return undefined;
    const [units, sites] = loaded.data;
    const unitNames = new Map(units.map((unit) => [unit.id, unit.name]));
    const siteNames = new Map(sites.map((site) => [site.id, site.name]));
    return {
      units,
      sites,
      unitName: (id) => (id === null ? '—' : (unitNames.get(id) ?? t('common.unknown'))),
      siteName: (id) => siteNames.get(id) ?? t('common.unknown'),
      reload: loaded.reload,
    };
  }, [loaded.data, loaded.reload, t]);

  if (!directory) return loaded.error ? <ErrorNotice error={loaded.error} /> : <p className="muted">{t('common.loading')}</p>;
  return <DirectoryContext.Provider value={directory}>{children}</DirectoryContext.Provider>;
}

export function useDirectory(): Directory {
  const directory = useContext(DirectoryContext);
  if (!directory) throw new Error('useDirectory outside DirectoryProvider');
  return directory;
}
