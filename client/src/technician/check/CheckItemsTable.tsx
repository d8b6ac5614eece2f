import { useTranslation } from 'react-i18next';
import type { CheckItem, Verdict } from '@diemcau/shared';
import { DataTable } from '../../ui/DataTable';
import { figureText } from './figureText';

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const { t } = useTranslation();
  return <span className={`badge verdict verdict-${verdict}`}>{t(`technician.verdict.${verdict}`)}</span>;
}

/** Each item of a check: what was measured, what it must reach, and what the verdict means, in plain words. */
export function CheckItemsTable({ items, caption }: { items: readonly CheckItem[]; caption: string }) {
  const { t, i18n } = useTranslation();
  return (
    <DataTable
      className="check-items"
      caption={caption}
      columns={[
        { key: 'item', header: t('technician.items.heading'), rowHeader: true, cell: (item) => t(`technician.items.name.${item.item}`) },
        { key: 'measured', header: t('technician.items.measured'), className: 'nowrap', cell: (item) => figureText(item.measured, t, i18n.language) },
        { key: 'threshold', header: t('technician.items.threshold'), className: 'nowrap muted', cell: (item) => figureText(item.threshold, t, i18n.language) },
        {
          key: 'verdict',
          header: t('technician.items.verdict'),
          cell: (item) => (
            <>
              <VerdictBadge verdict={item.verdict} />
              <p className="verdict-explanation">
                {t([`technician.explain.${item.item}.${item.verdict}`, `technician.explain.${item.item}.${item.verdict === 'pass' ? 'pass' : 'problem'}`])}
              </p>
            </>
          ),
        },
      ]}
      rows={items}
      rowKey={(item) => item.item}
      rowAttributes={(item) => ({ 'data-item': item.item, 'data-verdict': item.verdict })}
    />
  );
}
