import { lazy, Suspense, type ReactNode } from 'react';
import type { UserView } from '@diemcau/shared';
import { mayManageCalendar, mayManageDirectory, mayManageKiosks, mayManageUsers, mayOpenSites, mayReadAudit } from '../admin/access';
import { AuditLogScreen } from '../admin/audit/AuditLogScreen';
import { HolidaysScreen } from '../admin/holidays/HolidaysScreen';
import { KioskLinksScreen } from '../admin/kiosks/KioskLinksScreen';
import { SitesScreen } from '../admin/sites/SitesScreen';
import { UnitsScreen } from '../admin/units/UnitsScreen';
import { UsersScreen } from '../admin/users/UsersScreen';
import { ApprovalQueue } from '../calendar/approvals/ApprovalQueue';
import { CalendarScreen } from '../calendar/CalendarScreen';
import { RequestScreen } from '../calendar/request/RequestScreen';
import { FeedbackScreen } from '../feedback/FeedbackScreen';
import { mayMonitor, mayReadIncidents, mayRunChecks, mayViewReadiness } from '../technician/access';
import { ChecksScreen } from '../technician/ChecksScreen';
import { IncidentsScreen } from '../technician/incidents/IncidentsScreen';
import { MonitorScreen } from '../technician/monitor/MonitorScreen';
import { ReadinessScreen } from '../technician/readiness/ReadinessScreen';
import { can } from './permissions';

/** The report screen carries the chart library: loaded only when opened. */
const ReportsScreen = lazy(() => import('../reports/ReportsScreen').then((module) => ({ default: module.ReportsScreen })));

/** A top-level screen: its address, its menu label, who may open it. The menu shows only these. */
export interface Screen {
  path: string;
  label: string;
  allowed: (user: UserView) => boolean;
  render: () => ReactNode;
}

export const screens: readonly Screen[] = [
  { path: '/calendar', label: 'nav.calendar', allowed: (user) => can(user, 'meeting:read'), render: () => <CalendarScreen /> },
  { path: '/request', label: 'nav.request', allowed: (user) => can(user, 'meeting:request'), render: () => <RequestScreen /> },
  { path: '/approvals', label: 'nav.approvals', allowed: (user) => can(user, 'meeting:decide'), render: () => <ApprovalQueue /> },
  { path: '/readiness', label: 'technician.nav.readiness', allowed: mayViewReadiness, render: () => <ReadinessScreen /> },
  { path: '/checks', label: 'technician.nav.checks', allowed: mayRunChecks, render: () => <ChecksScreen /> },
  { path: '/monitoring', label: 'technician.nav.monitoring', allowed: mayMonitor, render: () => <MonitorScreen /> },
  { path: '/incidents', label: 'technician.nav.incidents', allowed: mayReadIncidents, render: () => <IncidentsScreen /> },
  {
    path: '/reports',
    label: 'records.nav.reports',
    allowed: (user) => can(user, 'report:read'),
    render: () => (
      <Suspense fallback={null}>
        <ReportsScreen />
      </Suspense>
    ),
  },
  {
    path: '/feedback',
    label: 'records.nav.feedback',
    allowed: (user) => can(user, 'feedback:write') || can(user, 'feedback:read-all'),
    render: () => <FeedbackScreen />,
  },
  { path: '/admin/units', label: 'nav.units', allowed: mayManageDirectory, render: () => <UnitsScreen /> },
  { path: '/admin/sites', label: 'nav.sites', allowed: mayOpenSites, render: () => <SitesScreen /> },
  { path: '/admin/users', label: 'nav.users', allowed: mayManageUsers, render: () => <UsersScreen /> },
  { path: '/admin/kiosks', label: 'nav.kiosks', allowed: mayManageKiosks, render: () => <KioskLinksScreen /> },
  { path: '/admin/holidays', label: 'nav.holidays', allowed: mayManageCalendar, render: () => <HolidaysScreen /> },
  { path: '/admin/audit', label: 'nav.audit', allowed: mayReadAudit, render: () => <AuditLogScreen /> },
];

/** Whether the address belongs to the screen (sub-paths included). */
export const isUnder = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
