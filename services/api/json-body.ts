import type { Context } from 'hono';
import { fail, ok, type Result } from '../platform/errors.ts';

/** Reads a JSON body; a wrong content type or malformed JSON is an expected failure, not a crash. */
export async function readJson(c: Context): Promise<Result<unknown>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]*\+)?json\b/i.test(type)) {
    return fail('UNSUPPORTED_MEDIA_TYPE', '请求体须为 application/json (Content-Type must be application/json)');
  }
  try {
    return ok(await c.req.json());
  } catch (error) {
    return fail('MALFORMED_JSON', `请求体不是合法 JSON: ${(error as Error).message}`);
  }
}
