import { z } from '@hono/zod-openapi';
import { backtestRuleSet, type BacktestRange } from '../../risk/backtest/index.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { registerRuleSetEndpoint } from './rule-set-endpoint.ts';

/** POST /api/v1/rule-sets/{version}/backtest — replay stored history under this rule set (ADMIN; read-only, rolled back). */
export function registerPostRuleSetBacktest(app: ApiApp, deps: ApiDeps): void {
  registerRuleSetEndpoint(app, deps, {
    method: 'POST', suffix: '/:version/backtest', summary: '回测 Backtest over stored history (ADMIN)',
    body: z.object({ from: z.string().nullable().optional(), to: z.string().nullable().optional() }),
    run: (db, actor, c, body) => {
      const range = (body ?? {}) as BacktestRange;
      return backtestRuleSet(db, actor, c.req.param('version') ?? '', { from: range.from ?? null, to: range.to ?? null });
    },
  });
}
