import type { ReactNode } from 'react';
import type { UserView } from '@diemcau/shared';
import { AdminScreen, mayAdminister } from '../admin/AdminScreen';
import { ApprovalQueue } from '../calendar/approvals/ApprovalQueue';
import { CalendarScreen } from '../calendar/CalendarScreen';
import { RequestScreen } from '../calendar/request/RequestScreen';
import { can } from './permissions';

/** A top-level screen: its address, its menu label, who may open it. */
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
  { path: '/admin', label: 'nav.admin', allowed: mayAdminister, render: () => <AdminScreen /> },
];

/** Whether the address belongs to the screen (sub-paths included: /admin/users is under /admin). */
export const isUnder = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
