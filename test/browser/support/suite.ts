/**
 * What every browser test file shares: the real platform started once for the file (as `npm
 * start` runs it: embedded default, demo world, its own DATA_DIR), Debian's Chromium, an optional
 * preparation of data through the API, and every browser context closed at the end. Call
 * `browserSuite()` at the top level of a test file; it registers vitest's beforeAll/afterAll.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, vi } from 'vitest';
import { launchBrowser, openSession, signIn, type Session } from './browser.ts';
import { startDemoPlatform, type DemoPlatform } from './platform.ts';

export interface BrowserSuite<T> {
  readonly baseUrl: string;
  readonly browser: Browser;
  /** What `prepare` returned (photo cases queued, a seeded person …). */
  readonly prepared: T;
  /** A new browser context signed in as this demo user through the sign-in form. */
  signIn(username: string): Promise<Session>;
  /** A new browser context nobody is signed in to. */
  anonymous(): Promise<Session>;
}

/**
 * A journey signs in several people and walks a dozen pages; on a shared 2-core machine running
 * four platforms and browsers at once that can pass the default 60 s without anything being wrong.
 */
const JOURNEY_TIMEOUT_MS = 180_000;

export interface SuiteOptions<T> {
  /** Runs once the platform serves, before any test (seeding through the API, waiting for jobs). */
  readonly prepare?: (baseUrl: string) => Promise<T>;
  /** Start-up, preparation included. */
  readonly setupTimeoutMs?: number;
}

export function browserSuite<T = undefined>(options: SuiteOptions<T> = {}): BrowserSuite<T> {
  let platform: DemoPlatform | null = null;
  let browser: Browser | null = null;
  let prepared: T | undefined;
  const sessions: Session[] = [];
  vi.setConfig({ testTimeout: JOURNEY_TIMEOUT_MS });

  beforeAll(async () => {
    platform = await startDemoPlatform();
    browser = await launchBrowser();
    prepared = options.prepare ? await options.prepare(platform.baseUrl) : undefined;
  }, options.setupTimeoutMs ?? 240_000);

  afterAll(async () => {
    for (const s of sessions) await s.close().catch(() => undefined);
    await browser?.close();
    await platform?.stop();
  });

  const started = (): { platform: DemoPlatform; browser: Browser } => {
    if (!platform || !browser) throw new Error('the browser suite is not started: use it inside a test');
    return { platform, browser };
  };
  const kept = (session: Session): Session => {
    sessions.push(session);
    return session;
  };
  return {
    get baseUrl() { return started().platform.baseUrl; },
    get browser() { return started().browser; },
    get prepared() { return prepared as T; },
    signIn: async (username) => kept(await signIn(started().browser, started().platform.baseUrl, username)),
    anonymous: async () => kept(await openSession(started().browser, started().platform.baseUrl)),
  };
}

/** The page's main content as the user reads it. */
export function mainText(session: Session): Promise<string> {
  return session.page.locator('main').innerText();
}
