import { createRoute, z } from '@hono/zod-openapi';
import { readBlob } from '../../ingest/blobs.ts';
import { problemResponse } from '../problem.ts';
import { guard, READ_ACCESS } from '../middleware/require-access.ts';
import type { ApiApp, ApiDeps } from '../types.ts';

const route = createRoute({
  method: 'get', path: '/api/v1/blobs/{sha256}', tags: ['ingest'], summary: '下载文件 Download stored bytes',
  request: { params: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }) },
  responses: { 200: { description: 'the bytes' }, 404: { description: 'problem+json: unknown sha256' } },
});

export function registerGetBlob(app: ApiApp, { ctx }: ApiDeps): void {
  guard(app, 'GET', '/api/v1/blobs/:sha256', READ_ACCESS);
  app.openapi(route, async (c) => {
    const result = await readBlob(ctx, c.req.valid('param').sha256);
    if (!result.ok) return problemResponse(c, result.error);
    return c.body(new Uint8Array(result.value), 200, {
      'Content-Type': 'application/octet-stream',
      'Cache-Control': 'private, max-age=31536000, immutable',
    });
  });
}
