import { createRoute, z } from '@hono/zod-openapi';
import { SEARCH_KINDS, searchPeople } from '../../intermediaries/index.ts';
import { guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { INVESTIGATORS, MASKING_NOTE, NOT_A_USER, PROBLEM, viewerOf } from './investigation-access.ts';

const route = createRoute({
  method: 'get', path: '/api/v1/investigation/search', tags: ['investigation'],
  summary: '人员检索 Search by ID number, name (exact, homophone, pinyin, initials, one character off), phone, address (whole or part), plate, VIN or handler (INVESTIGATOR)',
  description: '每个人员附其角色（申请人/代办人/预约/登记联系）及首次、最近时间，按匹配程度排序（match.rank）。kind 省略时按内容判断。'
    + '姓名：精确 → 同音（拼音相同，如 张玮→张伟）→ 拼音首字母（zw）→ 差一个字；可直接输入拼音（zhangwei / zhang wei）。'
    + '地址：输入地址的一部分（如 幸福路12号、幸福小区3栋），规范化后至少 3 个字；整条地址相同者在前。'
    + `keysPending=true 表示批量导入后的姓名/地址索引仍在建立，结果可能不全。 ${MASKING_NOTE}`,
  request: { query: z.object({ q: z.string().min(1).max(200), kind: z.enum(SEARCH_KINDS).optional(), limit: z.string().optional(), unmask: z.enum(['true', 'false']).optional() }) },
  responses: { 200: { description: 'persons with roles and dates, handlers, vehicles' }, 400: PROBLEM, 403: PROBLEM },
});

export function registerGetInvestigationSearch(app: ApiApp, { ctx }: ApiDeps): void {
  guard(app, 'GET', '/api/v1/investigation/search', INVESTIGATORS);
  app.openapi(route, async (c) => {
    const viewer = viewerOf(c);
    if (!viewer) return problemResponse(c, NOT_A_USER);
    const { q, kind, limit } = c.req.valid('query');
    const result = await searchPeople(ctx.db, viewer, { q, kind, limit });
    if (!result.ok) return problemResponse(c, result.error);
    return c.json({ ...result.value, masked: !viewer.unmask }, 200);
  });
}
