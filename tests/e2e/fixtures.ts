// Each test gets its own Dossier: a fresh data folder and project file, and a `dossier serve` process from
// the built CLI. restart() stops the server and starts a new one on the same project, as closing and
// reopening the app would.
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(process.cwd(), 'dist', 'electron', 'cli.js');

export interface ServedDossier {
  url: string;
  projectPath: string;
  dataDir: string;
  /** Stops the server and starts a new one on the same project; `readOnly` serves it with --read-only. */
  restart(options?: { readOnly?: boolean }): Promise<string>;
  stop(): Promise<void>;
}

interface RunningServe {
  url: string;
  child: ChildProcess;
  /** What the process printed so far, for the message when it fails to start or stop. */
  output(): string;
}

function startServe(projectPath: string, dataDir: string, readOnly = false): Promise<RunningServe> {
  return new Promise((resolve, reject) => {
    const args = [CLI, 'serve', '--project', projectPath, '--no-open', ...(readOnly ? ['--read-only'] : [])];
    const child = spawn(process.execPath, args, {
      env: { ...process.env, DOSSIER_HOME: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`dossier serve did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8_000);
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, child, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`dossier serve exited with ${code ?? signal}:\n${output}`));
    });
  });
}

/**
 * Stops a server as Ctrl+C would and checks that it closed the project and exited cleanly. A process that
 * has not exited 15 s after SIGTERM is killed, and that is a failure naming what it printed.
 */
async function stopProcess(running: RunningServe): Promise<void> {
  const { child } = running;
  // A process ended by a signal has a signalCode and no exitCode; either means there is nothing to wait for.
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(killer);
  }
  if (child.exitCode !== 0) {
    throw new Error(
      `dossier serve did not stop cleanly (exit code ${child.exitCode}, signal ${child.signalCode}):\n${running.output()}`,
    );
  }
}

export const test = base.extend<{ dossier: ServedDossier; app: DossierPage }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
  dossier: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dossier-e2e-'));
    const projectPath = join(dataDir, 'project.sqlite');
    let running = await startServe(projectPath, dataDir);
    let stopped: Promise<void> | null = null;
    const stop = () => (stopped ??= stopProcess(running));
    const served: ServedDossier = {
      url: running.url,
      projectPath,
      dataDir,
      async restart(options) {
        await stop();
        running = await startServe(projectPath, dataDir, options?.readOnly);
        stopped = null;
        served.url = running.url;
        return running.url;
      },
      stop,
    };
    try {
      await use(served);
      await stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
  app: async ({ page, dossier }, use) => {
    // The page's Content Security Policy must never have to block anything the app itself does.
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/.test(message.text())) {
        violations.push(message.text());
      }
    });
    await use(new DossierPage(page, () => dossier.url));
    expect(violations, 'Content Security Policy violations').toEqual([]);
  },
});

export { expect };

/** A page model: what a researcher sees and does, found by role and label. */
export class DossierPage {
  constructor(
    readonly page: Page,
    private readonly url: () => string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(this.url());
    await expect(this.page.locator('.app[data-ready="true"]')).toBeVisible();
  }

  documents() {
    return this.page.getByRole('listbox', { name: 'Documents' }).getByRole('option');
  }

  highlights() {
    return this.page.getByRole('listbox', { name: 'Highlights' }).getByRole('option');
  }

  readerText() {
    return this.page.getByTestId('reader-text');
  }

  async importThroughChooser(paths: string[]): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: 'Import files…' }).first().click();
    await (await chooser).setFiles(paths);
  }

  async openDocument(title: string | RegExp): Promise<void> {
    await this.documents().filter({ hasText: title }).click();
    await expect(this.page.getByRole('heading', { level: 1 })).toContainText(title);
  }

  /** Selects a passage with the real mouse: press before its first character, drag, release after its last. */
  async selectWithMouse(passage: string): Promise<void> {
    const points = await this.readerText().evaluate((root, text) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node.textContent ?? '').indexOf(text);
        if (at < 0) continue;
        const rectOf = (offset: number) => {
          const range = document.createRange();
          range.setStart(node, offset);
          range.setEnd(node, offset + 1);
          return range.getBoundingClientRect();
        };
        (node.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
        const first = rectOf(at);
        const last = rectOf(at + text.length - 1);
        return {
          from: { x: first.left + 1, y: first.top + first.height / 2 },
          to: { x: last.right - 1, y: last.top + last.height / 2 },
        };
      }
      return null;
    }, passage);
    if (!points) throw new Error(`Passage not found in the reader: ${passage}`);
    await this.page.mouse.move(points.from.x, points.from.y);
    await this.page.mouse.down();
    await this.page.mouse.move(points.to.x, points.to.y, { steps: 12 });
    await this.page.mouse.up();
  }

  /** Makes a claim of a passage of the open document: select it, press c; the claimant field takes the focus. */
  async claimPassage(passage: string): Promise<void> {
    await this.selectWithMouse(passage);
    await this.page.keyboard.press('c');
    await expect(this.page.getByRole('combobox', { name: 'Claimant' })).toBeFocused();
  }

  /** Creates an event through "New event" with a date of month precision, or of a day when `day` is given. */
  async createEvent(title: string, date: { day?: number; month: string; year: number }): Promise<void> {
    const page = this.page;
    await page.getByRole('button', { name: 'New event' }).click();
    const form = page.getByRole('dialog', { name: 'New event' });
    await form.getByRole('textbox', { name: 'Title' }).fill(title);
    await form.getByRole('button', { name: /Date: precision$/ }).click();
    await page.getByRole('option', { name: date.day ? 'Day' : 'Month and year', exact: true }).click();
    if (date.day) await form.getByRole('textbox', { name: 'Day' }).first().fill(String(date.day));
    await form
      .getByRole('button', { name: /Month$/ })
      .first()
      .click();
    await page.getByRole('option', { name: date.month, exact: true }).click();
    await form.getByRole('textbox', { name: 'Year' }).first().fill(String(date.year));
    await form.getByRole('button', { name: 'Create event' }).click();
    await expect(form).toBeHidden();
  }

  /**
   * Links a claim (chosen in the Claims view by the start of its statement) to an event with a relation:
   * an existing event found by the start of its title, or a new one made in place.
   */
  async linkClaimToEvent(statement: string, event: string, relation: string, create = false): Promise<void> {
    const page = this.page;
    const escaped = statement.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await page
      .getByRole('grid', { name: 'Claims' })
      .getByRole('row', { name: new RegExp(`^${escaped}`) })
      .click();
    await page
      .getByRole('complementary', { name: 'Claim details' })
      .getByRole('button', { name: 'Link to event…' })
      .click();
    const link = page.getByRole('dialog', { name: 'Link to event' });
    await link
      .getByRole('combobox', { name: 'Event' })
      .fill(create ? event : event.slice(0, 12).toLowerCase());
    await page
      .getByRole('option', { name: create ? `Create event “${event}”` : new RegExp(`^${event}`) })
      .click();
    await link.getByRole('radio', { name: relation }).check();
    await link.getByRole('button', { name: 'Link' }).click();
    await expect(link).toBeHidden();
  }

  /** The text under each painted highlight layer (CSS Custom Highlight API), by layer name. */
  async paintedText(layer: string): Promise<string[]> {
    return this.page.evaluate((name) => {
      const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
      return [...(registry.get(name) ?? [])].map((range) => range.toString());
    }, layer);
  }
}
