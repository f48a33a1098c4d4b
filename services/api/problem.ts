import type { Context } from 'hono';
import { ERRORS, type AppError } from '../platform/errors.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem document for an expected failure from the one error table. */
export function problemResponse(c: Context, error: AppError): Response {
  const entry = ERRORS[error.code];
  const body = {
    type: `urn:cheguan:problem:${error.code.toLowerCase().replace(/_/g, '-')}`,
    title: entry.title,
    status: entry.status,
    code: error.code,
    detail: error.detail,
    instance: c.req.path,
    requestId: c.get('requestId'),
    ...(error.problems ? { problems: error.problems } : {}),
    ...(error.extensions ?? {}),
  };
  return c.body(JSON.stringify(body), entry.status, { 'Content-Type': PROBLEM_CONTENT_TYPE });
}
