import type { TFunction } from 'i18next';

/** Field name → message for the person filling in the form. */
export type FieldErrors = Record<string, string>;

/** The parts of a schema issue the messages need; zod's issues have this shape. */
export interface SchemaIssue {
  code: string;
  path: readonly PropertyKey[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
}

const isList = (issue: SchemaIssue) => issue.origin === 'array' || issue.origin === 'set';

/** An empty text box is "fill this in", however the schema words its minimum. */
const isEmptyText = (issue: SchemaIssue) => issue.code === 'too_small' && !isList(issue) && Number(issue.minimum) <= 1;

function genericKey(issue: SchemaIssue): string {
  if (isEmptyText(issue)) return 'fieldErrors.required';
  if (issue.code === 'too_small') return isList(issue) ? 'fieldErrors.chooseAtLeast' : 'fieldErrors.tooShort';
  if (issue.code === 'too_big') return isList(issue) ? 'fieldErrors.tooMany' : 'fieldErrors.tooLong';
  if (issue.code === 'invalid_type') return 'fieldErrors.required';
  if (issue.code === 'invalid_format') return 'fieldErrors.format';
  return 'fieldErrors.invalid';
}

/**
 * Translates the issues of a client-side check with the shared schema. A field may have its own wording
 * for an issue (`fieldErrors.byField.username.invalid_format`); otherwise the generic one is used.
 */
export function fieldErrorsOf(issues: readonly SchemaIssue[], t: TFunction): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'form');
    const code = isEmptyText(issue) ? 'required' : issue.code;
    errors[field] ??= t([`fieldErrors.byField.${field}.${code}`, genericKey(issue)], {
      min: Number(issue.minimum ?? 0),
      max: Number(issue.maximum ?? 0),
    });
  }
  return errors;
}

/** The server's own field findings (uniqueness, existence), which the client cannot check itself. */
const serverMessageKeys: Record<string, string> = {
  taken: 'fieldErrors.taken',
  'no such site': 'fieldErrors.noSuchSite',
  'unknown site': 'fieldErrors.noSuchSite',
  'no such unit': 'fieldErrors.noSuchUnit',
  required: 'fieldErrors.required',
};

export function serverFieldErrors(fields: Record<string, string>, t: TFunction): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, message] of Object.entries(fields)) {
    const field = path.split('.')[0] ?? path;
    errors[field] ??= t([`fieldErrors.byField.${field}.server`, serverMessageKeys[message] ?? 'fieldErrors.invalid']);
  }
  return errors;
}
