import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAssess } from '../../services/app/assess.ts';
import { parseEnv } from '../../services/platform/env.ts';
import { createScratchPostgres, TEST_REDIS_URL } from '../support/databases.ts';
import { readNdjson, writeTestWorld, type AssessmentLine, type WrittenWorld } from '../support/world.ts';

/** The same file must give the same assessments on the embedded default and on PostgreSQL + Redis. */
describe('assessments are identical on PGlite and on PostgreSQL + Redis', () => {
  let world: WrittenWorld;
  let embedded: AssessmentLine[];
  let server: AssessmentLine[];
  const cleanups: Array<() => Promise<unknown> | void> = [];
  beforeAll(async () => {
    world = writeTestWorld(5, 200, 'equivalence');
    cleanups.push(() => world.dispose());
    const run = async (name: string, extra: Record<string, string>) => {
      const out = path.join(world.dir, name);
      await runAssess({ referenceFile: world.reference, inputFile: world.transactions, outDir: out, env: parseEnv({ LOG_LEVEL: 'silent', DATA_DIR: path.join(world.dir, `data-${name}`), ...extra }) });
      return out;
    };
    const embeddedOut = await run('embedded', {});
    const scratch = await createScratchPostgres('equiv');
    cleanups.push(() => scratch.drop());
    const serverOut = await run('server', { DATABASE_URL: scratch.url, REDIS_URL: TEST_REDIS_URL });
    embedded = readNdjson<AssessmentLine>(path.join(embeddedOut, 'assessments.ndjson'));
    server = readNdjson<AssessmentLine>(path.join(serverOut, 'assessments.ndjson'));
    expect(fs.readFileSync(path.join(embeddedOut, 'assessments.ndjson'), 'utf8')).toBe(fs.readFileSync(path.join(serverOut, 'assessments.ndjson'), 'utf8'));
  }, 300_000);
  afterAll(async () => { for (const cleanup of cleanups.reverse()) await cleanup(); });

  it('has the same transactions, scores, alerts and hits with their reasons and evidence', () => {
    expect(embedded.length).toBeGreaterThan(500);
    expect(server).toEqual(embedded);
    expect(embedded.filter((a) => a.hits.length > 0).length).toBeGreaterThan(100);
  });
});
