import type { AuditEntry } from '../../app/api';
import { useDirectory } from '../../app/directory';
import { formatDate } from '../../i18n';

const NAME_FIELDS = ['title', 'name', 'displayName', 'username'] as const;

function nameIn(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  for (const field of NAME_FIELDS) {
    const value = (record as Record<string, unknown>)[field];
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}

/**
 * A readable name for what an entry is about: a site or unit by its current name (a site's entry may
 * record a contact, whose name is not the site's), anything else by the name the entry recorded,
 * else by its id.
 */
export function useEntityLabel(): (entry: AuditEntry) => string {
  const { sites, units } = useDirectory();
  return (entry) => {
    // A calendar day is named by its date, which is its id.
    if (entry.entityType === 'calendar-day') return formatDate(entry.entityId);
    const id = Number(entry.entityId);
    const current =
      entry.entityType === 'site'
        ? sites.find((site) => site.id === id)?.name
        : entry.entityType === 'unit'
          ? units.find((unit) => unit.id === id)?.name
          : undefined;
    return current ?? nameIn(entry.after) ?? nameIn(entry.before) ?? `#${entry.entityId.slice(0, 8)}`;
  };
}
