import type { z } from 'zod';
import type { FieldProblem } from '../../platform/errors.ts';

export type { FieldProblem };

function pathToString(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc === '' ? String(key) : `${acc}.${String(key)}`;
  }, '');
}

/** Names every zod issue by its JSON path in the submitted document, e.g. `applicant.idNumber`. */
export function formatIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: pathToString([...prefix, ...issue.path]) || '(root)',
    message: issue.message,
  }));
}
