import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vinCheckChar } from '../services/domain/check-digits.ts';
import { randomVin, renderVinPhoto } from '../services/photos/render/vin-photo.ts';
import { childEnv, ROOT } from '../test/support/process.ts';
import { parseArgs } from './check-photo.ts';

const run = promisify(execFile);
const SCRIPT = path.join(ROOT, 'scripts/check-photo.ts');

async function checkPhotoCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { cwd: ROOT, env: childEnv({ LOG_LEVEL: 'silent' }) });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('check-photo CLI arguments', () => {
  it('reads FILE and --kind, and refuses an unknown kind or a missing file', () => {
    expect(parseArgs(['a.jpg', '--kind', 'VIN_STAMP'])).toEqual({ file: 'a.jpg', kind: 'VIN_STAMP' });
    expect(parseArgs(['a.jpg'])).toEqual({ file: 'a.jpg', kind: null });
    expect(() => parseArgs(['a.jpg', '--kind', 'SELFIE'])).toThrow(/unknown kind/);
    expect(() => parseArgs([])).toThrow(/FILE/);
  });
});

describe('npm run check-photo', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'check-photo-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints the VIN finding of a rendered VIN photo as JSON', async () => {
    const vin = randomVin(77, vinCheckChar);
    const file = path.join(dir, 'vin.jpg');
    await writeFile(file, await renderVinPhoto(vin, 77, 'stamp'));
    const { code, stdout } = await checkPhotoCli(file, '--kind', 'VIN_STAMP');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ status: 'READ', kind: 'VIN_STAMP', vin: { value: vin, checkDigitValid: true } });
    expect(report['phash']).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reports a file that is not an image as UNREADABLE, exit 0; usage errors exit 2', async () => {
    const file = path.join(dir, 'notes.jpg');
    await writeFile(file, 'not an image at all');
    const unreadable = await checkPhotoCli(file);
    expect(unreadable.code).toBe(0);
    expect(JSON.parse(unreadable.stdout)).toMatchObject({ status: 'UNREADABLE', plate: null, vin: null });
    const usage = await checkPhotoCli(file, '--kind', 'SELFIE');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage: npm run check-photo/);
  });
});
