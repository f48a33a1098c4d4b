/**
 * npm run backtest -- --rules draft.json [--from T] [--to T] [--data DIR] [--json FILE] [--max-changes N] [--all-points]
 *
 * Replays the stored history under a draft rule set and compares it with the live assessments,
 * without changing anything (services/risk/backtest). The database is the embedded one under
 * --data DIR, else DATABASE_URL, else the embedded one under DATA_DIR (services/platform/env.ts).
 * Exit code 0 on a report, 1 when the run failed, 2 on a usage error.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase, type Database } from '../services/platform/db.ts';
import { EnvError, parseEnv, readProcessEnv, type Env } from '../services/platform/env.ts';
import { backtest, DEFAULT_CHANGES_CAP, formatReport } from '../services/risk/backtest/index.ts';

const USAGE = `usage: npm run backtest -- --rules draft.json [--from T] [--to T] [--data DIR] [--json FILE] [--max-changes N] [--all-points]
  --rules FILE      规则草案: 完整配置或只含改动 (full rule-set config, or only the changes, or {"config": …})
  --from / --to     受理时间区间 [from, to): ISO 8601 带时区，或日期 YYYY-MM-DD (Asia/Shanghai)
  --data DIR        内置数据库目录 (embedded database under DIR); 否则用 DATABASE_URL / DATA_DIR
  --json FILE       另存完整报告为 JSON (also write the full report as JSON)
  --max-changes N   列出的变化交易上限 (changed transactions listed, default ${DEFAULT_CHANGES_CAP})
  --all-points      列出全部41个风险点 (list all 41 points)`;

class UsageError extends Error {}

function options() {
  try {
    return parseArgs({
      options: {
        rules: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, data: { type: 'string' },
        json: { type: 'string' }, 'max-changes': { type: 'string' }, 'all-points': { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function readRules(file: string): unknown {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`无法读取规则文件 cannot read rules file ${file}: ${(error as Error).message}`);
  }
  // A rule set exported whole ({version, config, …}) is accepted as well as a bare configuration.
  const wrapped = typeof doc === 'object' && doc !== null && 'config' in doc && !('points' in doc);
  return wrapped ? (doc as { config: unknown }).config : doc;
}

/** --data wins; else the process configuration decides, as for `npm start`. */
function databaseEnv(data: string | undefined): Env {
  const base = readProcessEnv();
  return data ? parseEnv({ LOG_LEVEL: base.LOG_LEVEL, DATA_DIR: data }) : base;
}

async function open(env: Env): Promise<Database> {
  if (!env.DATABASE_URL && !fs.existsSync(env.embeddedDbDir)) {
    // Opening a missing folder would create an empty database: say so instead.
    throw new UsageError(`没有内置数据库 no embedded database at ${env.embeddedDbDir}`);
  }
  return openDatabase({ url: env.DATABASE_URL, embeddedDir: env.embeddedDbDir, poolSize: 2 });
}

async function main(): Promise<void> {
  const args = options();
  if (!args.rules) throw new UsageError('缺少 --rules (missing --rules)');
  const cap = args['max-changes'] === undefined ? DEFAULT_CHANGES_CAP : Number(args['max-changes']);
  if (!Number.isInteger(cap) || cap < 0) throw new UsageError('--max-changes 须为非负整数 (a whole number ≥ 0)');
  const rules = readRules(args.rules);
  const db = await open(databaseEnv(args.data));
  try {
    const onProgress = process.stderr.isTTY ? (p: { transactions: number }) => { process.stderr.write(`\r回测中 replaying: ${p.transactions} transactions   `); } : undefined;
    const result = await backtest(db, rules, { from: args.from, to: args.to }, { changesCap: cap, onProgress });
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (!result.ok) {
      const problems = (result.error.problems ?? []).map((p) => `  ${p.path}: ${p.message}`).join('\n');
      console.error(`${result.error.detail}${problems ? `\n${problems}` : ''}`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(formatReport(result.value, { allPoints: args['all-points'] ?? false }));
    if (args.json) fs.writeFileSync(args.json, `${JSON.stringify(result.value, null, 2)}\n`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n${USAGE}`);
    process.exit(2);
  }
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
});
