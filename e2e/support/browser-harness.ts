/**
 * The set-up every browser test shares: one server and one Chromium per test file, pages that report what
 * goes wrong in them, signing in as a demo account, and JSON calls with a page's session.
 *
 * Use it like this:
 *
 *   const harness = createBrowserHarness({ allowConsole: /status of 401/ });
 *   const { openPage, signedIn } = harness;
 *   beforeAll(() => harness.start(), 180_000);
 *   afterAll(async () => expect(await harness.stop()).toEqual([]), 60_000);
 *
 * Every page the harness opens collects its uncaught errors and console errors (and, when asked, its 404
 * responses) into `problems`; a test file asserts at the end that there were none.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, launchBrowser, newContext } from './browser.ts';
import type { Viewport } from './browser.ts';
import { startBrowserTestServer } from './browser-server.ts';
import type { BrowserTestServer } from './browser-server.ts';

export interface BrowserHarnessOptions {
  /**
   * Console errors whose text matches are expected, not problems: e.g. /status of 401/ for the web app's
   * "am I signed in?" probe. Without it every console error counts.
   */
  allowConsole?: RegExp;
  /** page.setDefaultTimeout for every page opened; Playwright's own default when absent. */
  defaultTimeoutMs?: number;
  /** Also count every 404 response a page receives (a missing asset or API route) as a problem. */
  flag404?: boolean;
  /** Whether signedIn() also waits for the workbench (data-testid="home-page") to render. Default true. */
  waitForHome?: boolean;
}

export interface BrowserHarness {
  /** Starts the server and the browser. For beforeAll. */
  start(): Promise<void>;
  /** Closes every page's context, the browser and the server; returns the problems seen. For afterAll. */
  stop(): Promise<string[]>;
  /** A fresh page in a fresh context (its own cookies), watched for problems. */
  openPage(viewport?: Viewport): Promise<Page>;
  /** Goes to /login and submits the form; does not wait for the outcome. */
  signIn(page: Page, username: string, password?: string): Promise<void>;
  /** A fresh page signed in as a demo account, on the workbench. */
  signedIn(username: string, viewport?: Viewport): Promise<Page>;
  /** The running server (after start()). */
  readonly server: BrowserTestServer;
  /** What went wrong in the pages so far: "pageerror: …", "console: …", "404: …". */
  readonly problems: string[];
}

export function createBrowserHarness(options: BrowserHarnessOptions = {}): BrowserHarness {
  const { allowConsole, defaultTimeoutMs, flag404 = false, waitForHome = true } = options;
  let server: BrowserTestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  const running = (): { server: BrowserTestServer; browser: Browser } => {
    if (!server || !browser) throw new Error('browser harness: call start() first (in beforeAll)');
    return { server, browser };
  };

  const openPage = async (viewport: Viewport = DESKTOP): Promise<Page> => {
    const { server: srv, browser: br } = running();
    const context = await newContext(br, srv.url, viewport);
    contexts.push(context);
    const page = await context.newPage();
    if (defaultTimeoutMs !== undefined) page.setDefaultTimeout(defaultTimeoutMs);
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    if (flag404) {
      page.on('response', (response) => {
        if (response.status() === 404) problems.push(`404: ${response.url()}`);
      });
    }
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      if (allowConsole?.test(message.text())) return;
      problems.push(`console: ${message.text()}`);
    });
    return page;
  };

  const signIn = async (page: Page, username: string, password?: string): Promise<void> => {
    await page.goto('/login');
    await page.locator('#login-username').fill(username);
    await page.locator('#login-password').fill(password ?? running().server.demoPassword);
    await page.locator('button[type="submit"]').click();
  };

  const signedIn = async (username: string, viewport: Viewport = DESKTOP): Promise<Page> => {
    const page = await openPage(viewport);
    await signIn(page, username);
    await page.waitForURL((url) => url.pathname === '/');
    if (waitForHome) await page.getByTestId('home-page').waitFor();
    return page;
  };

  return {
    async start() {
      server = await startBrowserTestServer();
      browser = await launchBrowser();
    },
    async stop() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser?.close();
      await server?.stop();
      return problems;
    },
    openPage,
    signIn,
    signedIn,
    get server() {
      return running().server;
    },
    problems,
  };
}

/**
 * A JSON call with the page's session and CSRF token (the anxin_csrf cookie as x-csrf-token), as the web
 * app makes it. Throws with the status and body when the answer is not 2xx; an empty body gives undefined.
 */
export async function apiCall<T = unknown>(
  page: Page,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const cookies = await page.context().cookies();
  const csrf = cookies.find((c) => c.name === 'anxin_csrf')?.value ?? '';
  const response = await page.request.fetch(path, {
    method,
    headers: { 'x-csrf-token': csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
