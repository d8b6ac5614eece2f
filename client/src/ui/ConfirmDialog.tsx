import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Decision } from '@diemcau/shared';
import { Dialog } from './Dialog';
import { Field } from './Field';
import { fieldErrorsOf } from './formErrors';
import { ErrorNotice } from './Notice';
import { useAction } from './useAction';
import { logRejection } from './logRejection';

interface ConfirmDialogProps {
  title: string;
  /** What will happen, in plain words, before the person commits. */
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** Asks for a written reason (rejections, cancellations), checked like the server does. */
  reasonLabel?: string;
  onConfirm: (reason: string) => Promise<unknown>;
  onClose: () => void;
}

export function ConfirmDialog({ title, children, confirmLabel, danger = false, reasonLabel, onConfirm, onClose }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const action = useAction();

  const confirm = async () => {
    if (reasonLabel) {
      const parsed = Decision.safeParse({ reason });
      if (!parsed.success) {
        setReasonError(fieldErrorsOf(parsed.error.issues, t).reason);
        return;
      }
    }
    setReasonError(undefined);
    const done = await action.run(() => onConfirm(reason.trim()));
    if (done) onClose();
  };

  return (
    <Dialog title={title} onClose={onClose}>
      {children}
      {reasonLabel && (
        <Field label={reasonLabel} error={reasonError}>
          <textarea name="reason" value={reason} aria-invalid={reasonError ? true : undefined} onChange={(event) => setReason(event.target.value)} />
        </Field>
      )}
      <ErrorNotice error={action.error} />
      <div className="actions">
        <button
          type="button"
          className={`btn btn-primary${danger ? ' btn-danger' : ''}`}
          disabled={action.busy}
          onClick={() => void confirm().catch(logRejection)}
        >
          {confirmLabel}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
