import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, ReportKind, type YearlyReport } from '@diemcau/shared';
import { api, type ReportPeriod } from '../app/api';
import { useDirectory } from '../app/directory';
import { useCurrentUser } from '../app/session';
import { localDate } from '../i18n';
import { DataTable } from '../ui/DataTable';
import { Field } from '../ui/Field';
import { NamedSelect } from '../ui/NamedSelect';
import { OptionSelect } from '../ui/OptionSelect';
import { ErrorNotice } from '../ui/Notice';
import { ScreenHeading } from '../ui/ScreenHeading';
import { PAGE_SIZE } from '../ui/tableRows';
import { useAction } from '../ui/useAction';
import { useResource } from '../ui/useResource';
import { ReportCharts } from './ReportCharts';
import { saveFile } from './saveFile';
import { logRejection } from '../ui/logRejection';
import './reports.css';

const FORMATS = ['csv', 'xlsx', 'pdf'] as const;

/**
 * The report of Art. 15 on screen: a unit sees its own; the Department, the
 * Office and the auditor any unit's or the province's. The calendar year by default.
 */
export function ReportsScreen() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const { units } = useDirectory();
  const year = localDate(new Date()).slice(0, 4);
  const seesAll = can(user, 'report:all');
  const [period, setPeriod] = useState<ReportPeriod>({ from: `${year}-01-01`, to: `${year}-12-31`, unitId: seesAll ? undefined : (user.unitId ?? undefined) });
  const [kind, setKind] = useState<ReportKind>('yearly');
  const report = useResource(() => api.reports.yearly(period), [period.from, period.to, period.unitId]);
  const download = useAction();
  const valid = period.from !== '' && period.to !== '' && period.from <= period.to;

  const exportAs = (format: (typeof FORMATS)[number]) =>
    void download
      .run(async () => saveFile(await api.reports.file(kind, format, { ...period, lang: i18n.language }), `${kind}-${period.from}_${period.to}.${format}`))
      .catch(logRejection);

  return (
    <>
      <ScreenHeading title={t('records.reports.title')} intro={t('records.reports.intro')} />
      <div className="report-filters panel">
        <Field label={t('records.reports.from')}>
          <input type="date" name="from" value={period.from} onChange={(event) => setPeriod({ ...period, from: event.target.value })} />
        </Field>
        <Field label={t('records.reports.to')}>
          <input type="date" name="to" value={period.to} onChange={(event) => setPeriod({ ...period, to: event.target.value })} />
        </Field>
        {seesAll && (
          <Field label={t('records.reports.unit')}>
            <NamedSelect
              name="unitId"
              value={period.unitId ?? null}
              options={units}
              placeholder={t('records.reports.province')}
              onChange={(unitId) => setPeriod({ ...period, unitId: unitId ?? undefined })}
            />
          </Field>
        )}
        <Field label={t('records.reports.exportKind')}>
          <OptionSelect name="kind" value={kind} options={ReportKind.options} label={(option) => t(`records.reports.kinds.${option}`)} onChange={setKind} />
        </Field>
        <div className="actions" role="group" aria-label={t('records.reports.export')}>
          {FORMATS.map((format) => (
            <button key={format} type="button" className="btn" disabled={!valid || download.busy} onClick={() => exportAs(format)}>
              {format.toUpperCase()}
            </button>
          ))}
        </div>
      </div>
      <ErrorNotice error={download.error} />
      {valid && <ErrorNotice error={report.error} />}
      {report.loading && !report.data && <p className="muted">{t('records.reports.loading')}</p>}
      {report.data && <ReportBody report={report.data} />}
    </>
  );
}

function ReportBody({ report }: { report: YearlyReport }) {
  const { t, i18n } = useTranslation();
  const number = (value: number) => value.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'vi-VN');
  const money = (value: number) => `${number(value)} ${report.budget.currency}`;
  const held = report.usage.meetings.byState.find((entry) => entry.state === 'held')?.count ?? 0;
  const figures: Array<[string, string]> = [
    ['meetings', number(report.usage.meetings.total)],
    ['held', number(held)],
    ['hours', number(report.usage.bridgeHours)],
    ['peak', number(report.usage.peakConcurrent)],
    ['siteHours', number(report.budget.siteHours)],
    ['rentalCost', money(report.budget.rentalCost)],
    ['runningCost', money(report.budget.runningCost)],
    ['saving', money(report.budget.saving)],
  ];
  const pair = (value: { p50: number; p95: number } | null) => (value ? `${number(value.p50)} / ${number(value.p95)}` : '—');
  return (
    <div data-testid="report">
      <div className="report-figures">
        {figures.map(([key, value]) => (
          <div key={key} className="report-figure" data-figure={key}>
            <span className="figure-value">{value}</span>
            <span className="figure-label">{t(`records.reports.figures.${key}`)}</span>
          </div>
        ))}
      </div>
      <p className="muted">{t('records.reports.budgetNote', { rate: money(report.budget.ratePerSiteHour) })}</p>
      <ReportCharts report={report} />
      <h2>{t('records.reports.quality.title')}</h2>
      <DataTable
        columns={[
          { key: 'site', header: t('records.reports.quality.site'), cell: (site) => site.siteName, sortBy: (site) => site.siteName },
          {
            key: 'incidents',
            header: t('records.reports.quality.incidents'),
            className: 'number',
            cell: (site) => site.incidents,
            sortBy: (site) => site.incidents,
          },
          {
            key: 'downtime',
            header: t('records.reports.quality.downtime'),
            className: 'number',
            cell: (site) => number(site.downtimeMinutes),
            sortBy: (site) => site.downtimeMinutes,
          },
          { key: 'checks', header: t('records.reports.quality.checks'), className: 'number', cell: (site) => `${site.checksPassed}/${site.checks}` },
          {
            key: 'loss',
            header: t('records.reports.quality.loss'),
            className: 'number',
            cell: (site) => pair(site.packetLossPct),
            sortBy: (site) => site.packetLossPct?.p95,
          },
          { key: 'rtt', header: t('records.reports.quality.rtt'), className: 'number', cell: (site) => pair(site.rttMs), sortBy: (site) => site.rttMs?.p95 },
          {
            key: 'bitrate',
            header: t('records.reports.quality.bitrate'),
            className: 'number',
            cell: (site) => pair(site.bitrateInKbps),
            sortBy: (site) => site.bitrateInKbps?.p50,
          },
        ]}
        rows={report.quality.sites}
        rowKey={(site) => site.siteId}
        pageSize={PAGE_SIZE}
      />
    </div>
  );
}
