// SPDX-License-Identifier: GPL-2.0-only
/**
 * uPlot's browser build and style, read from the installed `uplot` package when a report is
 * written, so the page carries them inline and loads nothing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ChartAssets } from '../report/html/page.js';

export function chartAssets(): ChartAssets {
  const require = createRequire(import.meta.url);
  return {
    script: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
    style: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
  };
}
