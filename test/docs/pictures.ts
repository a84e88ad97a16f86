// SPDX-License-Identifier: GPL-2.0-only
/**
 * `npm run docs:pictures`: the tutorial's pictures, made as a reader would make them. For each
 * entry of docs/learn/pictures.json it runs the entry's `timer-emu report … -o NAME.html` (the
 * built CLI, in a temporary folder), opens the page in headless Chromium and screenshots the
 * element `[data-chart=ID]` into docs/learn/IMAGE.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromiumMissing, launchChromium, openReport } from '../browser/chromium.js';
import { commandArgs, loadManifest, MANIFEST } from './pictures-manifest.js';

async function main(root: string): Promise<number> {
  const missing = chromiumMissing();
  if (missing !== null) {
    process.stderr.write(`docs:pictures: ${missing}\n`);
    return 1;
  }
  const entries = loadManifest(join(root, MANIFEST));
  const work = mkdtempSync(join(tmpdir(), 'timer-emu-pictures-'));
  const browser = await launchChromium();
  try {
    for (const e of entries) {
      const { argv, html } = commandArgs(e, work);
      const cli = join(root, 'dist', 'cli', 'timer-emu.js');
      const run = spawnSync(process.execPath, [cli, ...argv, '--quiet'], {
        cwd: work,
        encoding: 'utf8',
      });
      if (run.status !== 0) throw new Error(`${e.command}: exit ${run.status}\n${run.stderr}`);
      const { page, problems } = await openReport(browser, html);
      if (problems.errors.length + problems.requests.length > 0)
        throw new Error(`${e.command}: ${[...problems.errors, ...problems.requests].join('; ')}`);
      const image = join(root, 'docs', 'learn', e.image);
      mkdirSync(dirname(image), { recursive: true });
      await page.locator(`[data-chart="${e.chart}"]`).screenshot({ path: image });
      await page.close();
      process.stdout.write(`${e.image}: ${e.command} [${e.chart}]\n`);
    }
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
  return 0;
}

// run from the package root (npm run sets the working folder to it)
process.exitCode = await main(process.cwd());
