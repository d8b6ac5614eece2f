import { useTranslation } from 'react-i18next';
import type { FieldErrors } from './formErrors';
import { ErrorNotice, Notice } from './Notice';

/** Under a form: "fix the marked fields" when fields are at fault, else the failure itself. */
export function FormProblems({ errors, error }: { errors: FieldErrors; error: unknown }) {
  const { t } = useTranslation();
  if (Object.keys(errors).length > 0) return <Notice tone="error">{t('fieldErrors.fixMarked')}</Notice>;
  return <ErrorNotice error={error} />;
}
