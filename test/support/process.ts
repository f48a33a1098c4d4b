import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The Node flags `npm start` gives tsx (package.json), so a started process runs as in production. */
export function startScriptNodeFlags(): string[] {
  const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const words = (scripts.start ?? '').split(/\s+/);
  return words.filter((w) => w.startsWith('--'));
}

/**
 * A child's environment. Each child gets its own BullMQ key prefix: tests share one Redis, and a
 * process of another test would otherwise take this one's jobs (against its own database).
 */
export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const prefix = `t${process.pid.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', QUEUE_PREFIX: prefix, ...extra };
}

export interface StartedPlatform {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  readonly logs: string[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** What the demo world logs once loaded (after readiness, see services/app/start.ts). */
export const DEMO_WORLD_LOADED = 'demo world seeded';

/**
 * Starts `npm start`'s entry point as a real process and waits for its "platform started" line
 * (and for a later line containing `alsoWaitFor`, e.g. DEMO_WORLD_LOADED, when given).
 */
export async function startPlatformProcess(env: Record<string, string>, timeoutMs = 30_000, alsoWaitFor?: string): Promise<StartedPlatform> {
  const child = spawn(process.execPath, [...startScriptNodeFlags(), '--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    env: childEnv({ PORT: '0', LOG_LEVEL: 'info', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`platform did not start in ${timeoutMs} ms:\n${logs.join('')}`)), timeoutMs);
    let started: number | null = null;
    let waited = alsoWaitFor === undefined;
    let pending = '';
    const onData = (chunk: Buffer) => {
      logs.push(chunk.toString());
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.includes('platform started')) started = (JSON.parse(line) as { port: number }).port;
        if (alsoWaitFor !== undefined && line.includes(alsoWaitFor)) waited = true;
      }
      if (started !== null && waited) {
        clearTimeout(timer);
        resolve(started);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`platform exited with ${code}:\n${logs.join('')}`)); });
  });
  return {
    child,
    baseUrl: `http://127.0.0.1:${port}`,
    logs,
    stop: (signal = 'SIGTERM') => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      child.once('exit', (code) => resolve(code));
      child.kill(signal);
    }),
  };
}
