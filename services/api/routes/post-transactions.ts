import { z } from '@hono/zod-openapi';
import { ingestTransactions, MAX_BATCH, type IngestItemResult } from '../../ingest/ingest-transactions.ts';
import { transactionSchema } from '../../ingest/schema/index.ts';
import { readJson } from '../json-body.ts';
import { problemResponse } from '../problem.ts';
import { guard, INGEST_ACCESS } from '../middleware/require-access.ts';
import type { Context } from 'hono';
import { actorName } from '../../auth/roles.ts';
import type { ApiApp, ApiDeps, ApiEnv } from '../types.ts';

const itemResult = z.object({
  index: z.number().int(),
  id: z.string().nullable(),
  version: z.number().int().nullable(),
  outcome: z.enum(['created', 'revised', 'unchanged', 'rejected']),
  problems: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  refusal: z.enum(['INVALID', 'LOWER_VERSION']).optional(),
});

/**
 * POST /api/v1/transactions — one transaction, or an array of up to 1,000.
 * One object: 201 created / 200 revised or unchanged / 400 or 409 problem+json naming each bad field.
 * An array: each transaction stands alone; 200 when all were stored, 207 when some were refused,
 * 400 problem+json when none was; refused ones are named by index with their field paths.
 */
export function registerPostTransactions(app: ApiApp, deps: ApiDeps): void {
  app.openAPIRegistry.registerPath({
    method: 'post', path: '/api/v1/transactions', tags: ['ingest'], summary: '接收业务流水 Ingest transactions (one or up to 1,000)',
    request: { body: { required: true, content: { 'application/json': { schema: z.union([transactionSchema, z.array(transactionSchema).max(MAX_BATCH)]) } } } },
    responses: {
      200: { description: 'stored or unchanged', content: { 'application/json': { schema: z.object({ results: z.array(itemResult) }) } } },
      201: { description: 'one transaction created' },
      207: { description: 'batch: some transactions refused' },
      400: { description: 'problem+json: validation failed, every problem named by field path' },
      409: { description: 'problem+json: version lower than the stored one' },
      413: { description: 'problem+json: body or batch too large' },
    },
  });
  guard(app, 'POST', '/api/v1/transactions', INGEST_ACCESS);
  app.post('/api/v1/transactions', async (c) => {
    const body = await readJson(c);
    if (!body.ok) return problemResponse(c, body.error);
    const single = !Array.isArray(body.value);
    const items = single ? [body.value] : (body.value as unknown[]);
    const result = await ingestTransactions(
      { db: deps.ctx.db, blobs: deps.ctx.blobs, hooks: deps.ingestHooks, afterCommit: deps.afterIngest ?? [] }, items, { actor: actorName(c.get('principal')!), source: 'api' },
    );
    if (!result.ok) return problemResponse(c, result.error);
    const results = result.value;
    const refused = results.filter((r) => r.outcome === 'rejected');
    if (single) return singleResponse(c, results[0]!);
    if (refused.length === results.length && results.length > 0) {
      const problems = refused.flatMap((r) => (r.problems ?? []).map((p) => ({ path: `[${r.index}].${p.path}`, message: p.message })));
      return problemResponse(c, { code: 'VALIDATION_FAILED', detail: `${refused.length} 条全部被拒 (all ${refused.length} transactions refused)`, problems, extensions: { results } });
    }
    return c.json({ results }, refused.length > 0 ? 207 : 200);
  });
}

function singleResponse(c: Context<ApiEnv>, item: IngestItemResult): Response {
  if (item.outcome !== 'rejected') return c.json({ results: [item] }, item.outcome === 'created' ? 201 : 200);
  const versionConflict = item.refusal === 'LOWER_VERSION';
  return problemResponse(c, {
    code: versionConflict ? 'VERSION_CONFLICT' : 'VALIDATION_FAILED',
    detail: versionConflict ? (item.problems?.[0]?.message ?? '') : `业务流水不合规，共 ${item.problems?.length ?? 0} 处问题 (transaction invalid)`,
    problems: item.problems ?? [],
  });
}
