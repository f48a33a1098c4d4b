import { z } from '@hono/zod-openapi';
import { MAX_BLOB_BYTES, uploadBlob } from '../../ingest/blobs.ts';
import { problemResponse } from '../problem.ts';
import { guard, INGEST_ACCESS } from '../middleware/require-access.ts';
import type { ApiApp, ApiDeps } from '../types.ts';

/** POST /api/v1/blobs — raw bytes (a photo uploaded before its transaction); answers its sha256. */
export function registerPostBlob(app: ApiApp, { ctx }: ApiDeps): void {
  app.openAPIRegistry.registerPath({
    method: 'post', path: '/api/v1/blobs', tags: ['ingest'], summary: '上传照片或材料文件 Upload bytes, get their sha256',
    request: { body: { required: true, content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) }, 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } } } },
    responses: {
      201: { description: 'stored', content: { 'application/json': { schema: z.object({ sha256: z.string(), size: z.number(), created: z.boolean() }) } } },
      200: { description: 'already stored' },
      413: { description: `problem+json: larger than ${MAX_BLOB_BYTES} bytes` },
      503: { description: 'problem+json: blob store cannot be written' },
    },
  });
  guard(app, 'POST', '/api/v1/blobs', INGEST_ACCESS);
  app.post('/api/v1/blobs', async (c) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const result = await uploadBlob(ctx, bytes, c.req.header('content-type') ?? null);
    if (!result.ok) return problemResponse(c, result.error);
    return c.json(result.value, result.value.created ? 201 : 200);
  });
}
