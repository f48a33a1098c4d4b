/**
 * Drives Debian's Chromium through playwright-core (never a downloaded browser): sign-in,
 * console-error capture, a screenshot of every page checked, and an axe-core run.
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { ROOT } from '../../support/process.ts';

export const DEMO_PASSWORD = 'demo-password-2026';
export const SCREENSHOT_DIR = path.join(ROOT, 'test/browser/screenshots');
const AXE_SOURCE = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--disable-sync'],
  });
}

export interface Session {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught page errors seen so far (a test expects none). */
  readonly errors: string[];
  close(): Promise<void>;
}

/** A fresh browser context (own cookies), nobody signed in, console errors collected. */
export async function openSession(browser: Browser, baseUrl: string, label = 'anonymous'): Promise<Session> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(`${label} console: ${message.text()} @ ${page.url()}`); });
  page.on('pageerror', (error) => errors.push(`${label} page error: ${error.message} @ ${page.url()}`));
  page.on('dialog', (dialog) => void dialog.accept());
  return { context, page, errors, close: () => context.close() };
}

/** A fresh browser context signed in through the sign-in form. */
export async function signIn(browser: Browser, baseUrl: string, username: string): Promise<Session> {
  const session = await openSession(browser, baseUrl, username);
  const { page } = session;
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.getByRole('button', { name: '登录' }).click()]);
  return session;
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: string[];
}

/**
 * axe-core in the page; returns the serious and critical violations only. Injected through the
 * DevTools protocol (page.evaluate) because the pages' CSP rightly refuses addScriptTag's inline script.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, options: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    return axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
}

export interface PageCheck {
  readonly name: string;
  readonly violations: AxeViolation[];
  readonly errors: string[];
}

/** Saves a full-page screenshot as <name>.png and runs axe; the caller asserts on the result. */
export async function checkPage(session: Session, name: string): Promise<PageCheck> {
  await session.page.waitForLoadState('load');
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await session.page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  const violations = await seriousViolations(session.page);
  return { name, violations, errors: [...session.errors] };
}

/** Opens a path, saves its screenshot, and expects no serious/critical axe violation and no console error. */
export async function visitAndCheck(session: Session, target: string, name: string): Promise<void> {
  if (target) await session.page.goto(target);
  const check = await checkPage(session, name);
  expect(check.violations, `axe on ${name}`).toEqual([]);
  // Staff work on 1366-px office screens: a page wider than the window hides columns off to the right.
  const overflow = await session.page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as number;
  expect(overflow, `${name} wider than the window by ${overflow} px`).toBeLessThanOrEqual(0);
  expect(await tablesOutOfTheirBox(session), `${name}: tables sticking out of their box`).toEqual([]);
  expect(check.errors, `console on ${name}`).toEqual([]);
}

/**
 * Tables wider than the box around them (a panel, a photo card's side column): the page may
 * still fit the window while a table's last column runs over its card's border.
 */
function tablesOutOfTheirBox(session: Session): Promise<string[]> {
  return session.page.evaluate(`[...document.querySelectorAll('main table')].flatMap((table) => {
    const box = table.parentElement;
    if (!box || getComputedStyle(box).overflowX !== 'visible') return [];
    const over = table.getBoundingClientRect().right - box.getBoundingClientRect().right;
    return over > 1 ? [(table.querySelector('caption')?.textContent ?? table.className) + ': ' + Math.round(over) + ' px'] : [];
  })`) as Promise<string[]>;
}

/** After a step that answers with an error status on purpose: the browser logged it; forget exactly those. */
export function acceptStatusErrors(session: Session, status: number): void {
  const unexpected = session.errors.filter((e) => !e.includes(`status of ${status}`));
  expect(unexpected, 'console errors other than the expected status').toEqual([]);
  session.errors.splice(0);
}
