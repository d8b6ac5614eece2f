import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, serverFieldErrors, type FieldErrors, type SchemaIssue } from './formErrors';
import { useAction } from './useAction';

/** The part of a zod schema a form needs: the shared schemas are checked in the browser before sending. */
export interface FormSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly SchemaIssue[] } };
}

const serverFields = (error: unknown): Record<string, string> | undefined =>
  typeof error === 'object' && error !== null && 'fields' in error && typeof error.fields === 'object' ? (error.fields as Record<string, string>) : undefined;

/**
 * Checks the form with the same schema the server uses, so mistakes are named next to their fields
 * before anything is sent; what only the server can know (a taken username) comes back the same way.
 * `submit` resolves to true once the server accepted.
 */
export function useFormSubmit<T>(schema: FormSchema<T>, send: (data: T) => Promise<unknown>) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FieldErrors>({});
  const action = useAction();
  const submit = async (value: unknown): Promise<boolean> => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error.issues, t));
      return false;
    }
    setErrors({});
    return action.run(async () => {
      try {
        await send(parsed.data);
      } catch (error) {
        setErrors(serverFieldErrors(serverFields(error) ?? {}, t));
        throw error;
      }
    });
  };
  return { errors, submit, busy: action.busy, error: action.error, clearError: action.clear };
}
