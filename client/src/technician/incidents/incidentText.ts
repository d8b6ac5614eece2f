import type { TFunction } from 'i18next';
import type { IncidentView } from '@diemcau/shared';

/** What happened: a person's own words, or for an automatic incident its cause, in the user's language. */
export function incidentSummary(incident: Pick<IncidentView, 'summary' | 'cause'>, t: TFunction): string {
  if (incident.summary || !incident.cause) return incident.summary;
  return t(`technician.incidents.causes.${incident.cause}`);
}

/** How it ended: the resolution someone wrote, or why an automatic incident closed by itself. */
export function incidentResolution(incident: Pick<IncidentView, 'resolution' | 'closedBecause'>, t: TFunction): string {
  if (incident.resolution || !incident.closedBecause) return incident.resolution;
  return t(`technician.incidents.closings.${incident.closedBecause}`);
}
