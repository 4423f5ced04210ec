/**
 * Headless Chromium for the hub tests and benchmark: Debian's `chromium` driven by playwright-core (no browser
 * download), the test host bundled with esbuild, and a helper that opens the host and waits for the frame.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';
import type { StandIn } from './server';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REPO = path.resolve(__dirname, '../..');

export function requireChromium(): void {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is required at ${CHROMIUM} for the hub's browser tests: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH. CI (.ci/run) installs it.`);
  }
  if (!fs.existsSync(path.join(REPO, 'dist/hub/hub.js')) || !fs.existsSync(path.join(REPO, 'dist/hub/build-tab.js'))) {
    throw new Error('dist/hub is missing: run `npm run build` (or `node build/build.mjs hub`) first');
  }
}

export async function hostBundle(): Promise<string> {
  const out = await esbuild.build({ entryPoints: [path.join(__dirname, 'host/host.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', logLevel: 'silent', loader: { '.json': 'json' } });
  return out.outputFiles[0].text;
}

export interface Session {
  browser: Browser;
  context: BrowserContext;
  userDataDir: string;
  close(): Promise<void>;
}

/** A fresh profile per session (IndexedDB starts empty); one persistent context so reloads keep it. */
export async function launch(): Promise<Session> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1366, height: 768 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  return {
    browser: context.browser()!,
    context,
    userDataDir,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface Opened {
  page: Page;
  hub: FrameLocator;
  /** Errors the page logged (uncaught exceptions and console errors). */
  errors: string[];
}

export async function openHost(session: Session, standIn: StandIn, query: Record<string, string> = {}): Promise<Opened> {
  const page = await session.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  await page.goto(standIn.hostUrl(query));
  await page.waitForFunction(() => (window as unknown as { __hubReady?: boolean }).__hubReady === true, undefined, { timeout: 30000 });
  return { page, hub: page.frameLocator('iframe'), errors };
}

export async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __hubReady?: boolean }).__hubReady === true, undefined, { timeout: 30000 });
}
