import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { YearlyReport } from '@diemcau/shared';

const NAVY = '#1f5fa8';
const COLORS = ['#1f5fa8', '#2e8b57', '#c98a00'];
const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

function ChartCard({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <figure className="report-chart" data-testid={testId}>
      <h3>{title}</h3>
      <ResponsiveContainer width="100%" height={300}>
        {children as never}
      </ResponsiveContainer>
    </figure>
  );
}

/** One bar per site, names on the vertical axis so long Vietnamese names stay readable. */
function SiteBars({ data, name, max }: { data: Array<{ site: string; value: number }>; name: string; max?: number }) {
  return (
    <BarChart data={data} layout="vertical" margin={{ left: 8, right: 24 }}>
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" domain={max === undefined ? [0, 'auto'] : [0, max]} allowDecimals={false} />
      <YAxis type="category" dataKey="site" width={150} tick={{ fontSize: 12 }} />
      <Tooltip />
      <Bar dataKey="value" name={name} fill={NAVY} isAnimationActive={false} />
    </BarChart>
  );
}

/** The yearly report's charts (Art. 15): months, hours, participation, downtime, checks, feedback. */
export function ReportCharts({ report }: { report: YearlyReport }) {
  const { t } = useTranslation();
  const months = report.months.map((entry) => ({ month: `${entry.month.slice(5)}/${entry.month.slice(0, 4)}`, meetings: entry.meetings, hours: entry.hours }));
  const participation = report.usage.participation.flatMap((entry) => (entry.rate === null ? [] : [{ site: entry.siteName, value: percent(entry.rate)! }]));
  const downtime = report.quality.sites.map((site) => ({ site: site.siteName, value: site.downtimeMinutes }));
  const checks = report.quality.sites.flatMap((site) => (site.checkPassRate === null ? [] : [{ site: site.siteName, value: percent(site.checkPassRate)! }]));
  // Categories, then statuses, on one axis: two series so each keeps its own colour and legend.
  const feedback = [
    ...report.feedback.byCategory.map((entry) => ({ label: t(`records.feedback.categories.${entry.category}`), count: entry.count })),
    ...report.feedback.byStatus.map((entry) => ({ label: t(`records.feedback.statuses.${entry.status}`), status: entry.count })),
  ];
  return (
    <div className="report-charts">
      <ChartCard title={t('records.reports.charts.meetingsPerMonth')} testId="chart-meetings">
        <BarChart data={months}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Bar dataKey="meetings" name={t('records.reports.series.meetings')} fill={NAVY} isAnimationActive={false} />
        </BarChart>
      </ChartCard>
      <ChartCard title={t('records.reports.charts.hoursPerMonth')} testId="chart-hours">
        <BarChart data={months}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" tick={{ fontSize: 12 }} />
          <YAxis />
          <Tooltip />
          <Bar dataKey="hours" name={t('records.reports.series.hours')} fill={COLORS[1]} isAnimationActive={false} />
        </BarChart>
      </ChartCard>
      <ChartCard title={t('records.reports.charts.participation')} testId="chart-participation">
        <SiteBars data={participation} name={t('records.reports.series.rate')} max={100} />
      </ChartCard>
      <ChartCard title={t('records.reports.charts.downtime')} testId="chart-downtime">
        <SiteBars data={downtime} name={t('records.reports.series.minutes')} />
      </ChartCard>
      <ChartCard title={t('records.reports.charts.checkPassRate')} testId="chart-checks">
        <SiteBars data={checks} name={t('records.reports.series.rate')} max={100} />
      </ChartCard>
      <ChartCard title={t('records.reports.charts.feedback')} testId="chart-feedback">
        <BarChart data={feedback} layout="vertical" margin={{ left: 8, right: 24 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 12 }} interval={0} />
          <Tooltip />
          <Legend />
          <Bar dataKey="count" name={t('records.feedback.category')} fill={NAVY} isAnimationActive={false} />
          <Bar dataKey="status" name={t('records.feedback.status')} fill={COLORS[2]} isAnimationActive={false} />
        </BarChart>
      </ChartCard>
    </div>
  );
}
