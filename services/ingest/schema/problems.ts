import type { z } from 'zod';

/** One validation problem, named by its JSON path in the submitted document. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

function pathToString(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc === '' ? String(key) : `${acc}.${String(key)}`;
  }, '');
}

export function formatIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: pathToString([...prefix, ...issue.path]) || '(root)',
    message: issue.message,
  }));
}
