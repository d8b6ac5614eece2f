import { useTranslation } from 'react-i18next';

const HOURS = Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, '0'));
const MINUTES = ['00', '15', '30', '45'];

/**
 * A wall-clock time 'HH:MM' as two lists, hours 00–23 and minutes. Native time inputs follow the
 * browser's own locale (09:00 AM on an English Windows), which office staff misread; these show
 * the 24-hour clock everywhere. A time off the quarter-hours (a suggested slot) is kept as it is.
 */
export function TimeSelect({ name, label, value, onChange }: { name: string; label: string; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const [hour = '', minute = ''] = value ? value.split(':') : [];
  const minutes = minute && !MINUTES.includes(minute) ? [...MINUTES, minute].sort() : MINUTES;
  return (
    <span className="time-select">
      <select
        name={`${name}Hour`}
        aria-label={`${label} (${t('common.hour')})`}
        value={hour}
        onChange={(event) => onChange(event.target.value ? `${event.target.value}:${minute || '00'}` : '')}
      >
        <option value="">--</option>
        {HOURS.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      <span aria-hidden="true">:</span>
      <select
        name={`${name}Minute`}
        aria-label={`${label} (${t('common.minute')})`}
        value={minute}
        disabled={!hour}
        onChange={(event) => onChange(`${hour}:${event.target.value}`)}
      >
        {!hour && <option value="">--</option>}
        {minutes.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </span>
  );
}
