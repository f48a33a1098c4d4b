/**
 * Acceptance (issue 7): a reviewer signs in and decides three photos with the keyboard. The
 * photos come in as a business system sends them and are sent to people by the platform's own
 * models (a 45° shot whose plate panel is blank while the record names a plate).
 */
import { describe, expect, it } from 'vitest';
import { visitAndCheck, type Session } from './support/browser.ts';
import { seedPhotoReviewQueue } from './support/photo-cases.ts';
import { browserSuite, mainText } from './support/suite.ts';

/** Three photos the models sent to people: two in web-photo-0, one in web-photo-1. */
const suite = browserSuite({ prepare: (baseUrl) => seedPhotoReviewQueue(baseUrl, [2, 1]), setupTimeoutMs: 400_000 });

const currentPhotoId = (s: Session) => s.page.locator('[data-photo-card].current').getAttribute('data-photo-id');

describe('photo review in the browser', () => {
  it('a reviewer decides three photos with the keyboard', async () => {
    const reviewer = await suite.signIn('demo-reviewer');
    const { page } = reviewer;
    const queued = suite.prepared;
    expect(queued).toHaveLength(3);
    await visitAndCheck(reviewer, '/photos', 'photo-queue');
    expect(await mainText(reviewer)).toContain('web-photo-0');

    const [first, second] = queued.filter((q) => q.transactionId === 'web-photo-0').map((q) => q.photoId).sort((a, b) => Number(a) - Number(b));
    await visitAndCheck(reviewer, `/photos/web-photo-0?photo=${first}`, 'photo-case');
    expect(await mainText(reviewer)).toContain('号牌未能可靠识别');
    expect(await currentPhotoId(reviewer)).toBe(first);
    // j / k move between the case's photos.
    await page.keyboard.press('j');
    expect(await currentPhotoId(reviewer)).toBe(second);
    await page.keyboard.press('k');
    expect(await currentPhotoId(reviewer)).toBe(first);

    // p passes the current photo and moves on to the case's next open photo.
    await Promise.all([page.waitForURL(/done=PASS/), page.keyboard.press('p')]);
    expect(await currentPhotoId(reviewer)).toBe(second);
    await Promise.all([page.waitForURL(/done=FAIL/), page.keyboard.press('f')]);

    await page.goto('/photos/web-photo-1');
    await Promise.all([page.waitForURL(/done=PASS/), page.keyboard.press('p')]);

    // Each decision is recorded with the reviewer's name and reason, and no longer decidable.
    await visitAndCheck(reviewer, '/photos/web-photo-0', 'photo-case-decided');
    const decided = await mainText(reviewer);
    expect(decided).toMatch(/已由 演示远程审核员 判定通过[\s\S]*已由 演示远程审核员 判定不通过/);
    expect(await page.locator('[data-decidable="true"]').count()).toBe(0);
    await page.goto('/photos/web-photo-1');
    expect(await mainText(reviewer)).toContain('判定通过');
    await page.goto('/photos');
    expect(await mainText(reviewer)).not.toContain('web-photo-');
    expect(reviewer.errors).toEqual([]);
  });

  it('a supervisor sees a case\'s photos but cannot decide them', async () => {
    const supervisor = await suite.signIn('demo-supervisor');
    await visitAndCheck(supervisor, '/photos/web-photo-0', 'photo-case-supervisor');
    expect(await supervisor.page.locator('form.photo-decision').count()).toBe(0);
    const queue = await supervisor.page.goto('/photos');
    expect(queue?.status()).toBe(403);
  });
});
