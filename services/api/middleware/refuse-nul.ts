import type { MiddlewareHandler } from 'hono';
import { problemResponse } from '../problem.ts';
import type { ApiEnv } from '../types.ts';

const MESSAGE = '不得包含空字符 U+0000 (must not contain U+0000)';

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * PostgreSQL text cannot hold U+0000: a %00 in a path or query parameter would fail in the database
 * as a 500. Refused up front, 400 naming the parameter.
 */
export function refuseNulInUrl(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (!/%00/i.test(c.req.url)) return next();
    const url = new URL(c.req.url);
    const problems = [...url.searchParams.entries()]
      .filter(([name, value]) => name.includes('\u0000') || value.includes('\u0000'))
      .map(([name]) => ({ path: `query.${name.split('\u0000').join('\\u0000')}`, message: MESSAGE }));
    if (decoded(url.pathname).includes('\u0000')) problems.unshift({ path: 'path', message: MESSAGE });
    return problemResponse(c, { code: 'VALIDATION_FAILED', detail: `请求地址含空字符 (URL contains U+0000)`, problems });
  };
}
