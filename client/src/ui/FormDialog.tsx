import type { ReactNode } from 'react';
import { Dialog } from './Dialog';
import { FormActions } from './FormActions';
import type { FieldErrors } from './formErrors';
import { FormProblems } from './FormProblems';
import { logRejection } from './logRejection';

interface FormDialogProps {
  title: string;
  /** The form's state from useFormSubmit: the fields at fault, the failure, whether it is sending. */
  form: { errors: FieldErrors; error: unknown; busy: boolean };
  submitLabel: string;
  /** Checks and sends the form (useFormSubmit's submit); resolves true once the server took it. */
  onSubmit: () => Promise<boolean>;
  /** After the server took it: the screen closes the dialog and shows the change. */
  onSaved?: () => void;
  onClose: () => void;
  children: ReactNode;
}

/**
 * The office's one dialog shape for a form: the fields, then what is wrong with them, then the
 * submit button and Cancel. The browser's own validation is off: the shared schemas check.
 */
export function FormDialog({ title, form, submitLabel, onSubmit, onSaved, onClose, children }: FormDialogProps) {
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit()
            .then((done) => done && onSaved?.())
            .catch(logRejection);
        }}
      >
        {children}
        <FormProblems errors={form.errors} error={form.error} />
        <FormActions submitLabel={submitLabel} busy={form.busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
