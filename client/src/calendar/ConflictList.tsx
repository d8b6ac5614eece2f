import { useTranslation } from 'react-i18next';
import { ConflictView, Slot } from '@diemcau/shared';
import { useDirectory } from '../app/directory';
import { formatTimeRange } from '../i18n';

export interface ConflictDetails {
  conflicts: ConflictView[];
  suggestions: Slot[];
}

/** The meetings a booking collides with and the free slots offered, from a `conflict` refusal. */
export function conflictDetailsOf(error: unknown): ConflictDetails | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error) || error.code !== 'conflict' || !('details' in error)) return undefined;
  const details = error.details as { conflicts?: unknown; suggestions?: unknown } | undefined;
  const conflicts = ConflictView.array().safeParse(details?.conflicts);
  const suggestions = Slot.array().safeParse(details?.suggestions ?? []);
  return conflicts.success ? { conflicts: conflicts.data, suggestions: suggestions.success ? suggestions.data : [] } : undefined;
}

/** Each colliding meeting with the rooms both need, or the bridge's limit when that is the cause. */
export function ConflictList({ conflicts }: { conflicts: readonly ConflictView[] }) {
  const { t } = useTranslation();
  const { siteName } = useDirectory();
  return (
    <ul className="conflict-list" data-testid="conflicts">
      {conflicts.map(({ meeting, sharedSiteIds, overBridgeLimit }) => (
        <li key={meeting.id}>
          <strong>{meeting.title}</strong> <span className="muted">({t(`meeting.status.${meeting.status}`)})</span>
          <br />
          {formatTimeRange(meeting.startsAt, meeting.endsAt)}
          {sharedSiteIds.length > 0 && (
            <>
              <br />
              {t('booking.sharedSites', { sites: sharedSiteIds.map(siteName).join(', ') })}
            </>
          )}
          {overBridgeLimit && (
            <>
              <br />
              {t('booking.bridgeFull')}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Free slots of the same length; with `onPick`, each is a button that fills the form. */
export function SuggestedSlots({ slots, onPick }: { slots: readonly Slot[]; onPick?: (slot: Slot) => void }) {
  const { t } = useTranslation();
  if (slots.length === 0) return <p className="muted">{t('booking.noSuggestions')}</p>;
  return (
    <ul className="slot-list" data-testid="suggestions">
      {slots.map((slot) => (
        <li key={slot.startsAt}>
          {onPick ? (
            <button type="button" className="btn btn-small" onClick={() => onPick(slot)}>
              {formatTimeRange(slot.startsAt, slot.endsAt)}
            </button>
          ) : (
            formatTimeRange(slot.startsAt, slot.endsAt)
          )}
        </li>
      ))}
    </ul>
  );
}
