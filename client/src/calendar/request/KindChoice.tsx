import { useTranslation } from 'react-i18next';
import { MeetingKind } from '@diemcau/shared';
import { Fieldset } from '../../ui/Field';

/** The three kinds of meeting, each with what it means under the regulation, as large radio cards. */
export function KindChoice({ value, onChange }: { value: MeetingKind; onChange: (kind: MeetingKind) => void }) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t('request.kind')}>
      <div className="kind-options">
        {MeetingKind.options.map((kind) => (
          <label key={kind} className="kind-option" data-checked={value === kind}>
            <input type="radio" name="kind" value={kind} checked={value === kind} onChange={() => onChange(kind)} />
            <span>
              <strong>{t(`meeting.kind.${kind}`)}</strong>
              <span className="kind-explain">{t(`request.kindExplain.${kind}`)}</span>
            </span>
          </label>
        ))}
      </div>
    </Fieldset>
  );
}
