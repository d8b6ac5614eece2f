import { useTranslation } from 'react-i18next';
import type { CheckItem, Verdict } from '@diemcau/shared';
import { figureText } from './figureText';

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const { t } = useTranslation();
  return <span className={`badge verdict verdict-${verdict}`}>{t(`technician.verdict.${verdict}`)}</span>;
}

/** Each item of a check: what was measured, what it must reach, and what the verdict means, in plain words. */
export function CheckItemsTable({ items, caption }: { items: readonly CheckItem[]; caption: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table check-items">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th>{t('technician.items.heading')}</th>
            <th>{t('technician.items.measured')}</th>
            <th>{t('technician.items.threshold')}</th>
            <th>{t('technician.items.verdict')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.item} data-item={item.item} data-verdict={item.verdict}>
              <th scope="row">{t(`technician.items.name.${item.item}`)}</th>
              <td className="nowrap">{figureText(item.measured, t, i18n.language)}</td>
              <td className="nowrap muted">{figureText(item.threshold, t, i18n.language)}</td>
              <td>
                <VerdictBadge verdict={item.verdict} />
                <p className="verdict-explanation">
                  {t([`technician.explain.${item.item}.${item.verdict}`, `technician.explain.${item.item}.${item.verdict === 'pass' ? 'pass' : 'problem'}`])}
                </p>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
