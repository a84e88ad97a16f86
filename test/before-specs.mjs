// SPDX-License-Identifier: GPL-2.0-only
/**
 * What `npm test` runs before vitest, all at once instead of one after the other: the type-check
 * (which also writes dist/, the modules the specs import), Biome, and the bundled bin the
 * spawned-bin specs run (test/global-setup.ts then finds it fresh). They are independent and none
 * keeps two cores busy for long: together they take the time of the longest alone.
 * Each step's output is printed when it ends, in the order below; the exit status is the first
 * failing step's. Run by npm, which puts node_modules/.bin on the PATH.
 *
 * The type-check is incremental: tsc keeps what it learnt in dist/check.tsbuildinfo and checks
 * and writes again only what changed since (a run with nothing changed: 3.0 → 1.0 s; one file
 * changed: 1.8 s). The file lives in dist/, so removing dist/ (as `npm run build` does) starts
 * afresh; tsc does not notice an output removed by hand, so a missing one does the same here.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

/** tsc's record of the last type-check (see above). */
const CHECK_INFO = 'dist/check.tsbuildinfo';
/** What tsconfig.json includes: folders of sources and single files. */
const CHECKED = JSON.parse(readFileSync('tsconfig.json', 'utf8')).include;

/** Whether every TypeScript source tsconfig.json includes has its JavaScript in dist/. */
function everyOutputPresent() {
  const sources = CHECKED.flatMap((path) => {
    if (path.endsWith('.ts')) return [path];
    if (!existsSync(path)) return [];
    return readdirSync(path, { recursive: true })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(path, f));
  });
  return sources.every(
    (s) => s.endsWith('.d.ts') || existsSync(join('dist', `${s.slice(0, -'.ts'.length)}.js`)),
  );
}

/**
 * Each step's command and whether its output is shown when it succeeds.
 */
const STEPS = [
  // One checker instead of tsc 7's default four: the four check no sooner on two cores shared with
  // Biome and rolldown, and each binds the shared types again. Alone: 5.3–5.4 → 3.1–3.8 s of CPU
  // in the same 2.5–3.2 s; this whole step: 3.8–4.6 → 3.4–3.9 s (docs/performance.md).
  {
    argv: [
      'tsc',
      '-p',
      'tsconfig.json',
      '--checkers',
      '1',
      '--incremental',
      '--tsBuildInfoFile',
      CHECK_INFO,
    ],
    shown: true,
  },
  { argv: ['biome', 'check', '.'], shown: true },
  // the bundle's table of chunks is build noise
  { argv: ['rolldown', '-c', 'rolldown.config.ts'], shown: false },
];

/** Runs `argv`, its output kept; resolves to its exit status and output. */
function run(argv) {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => out.push(c));
    child.on('error', (err) => resolve({ status: 1, out: `${argv[0]}: ${err.message}\n` }));
    child.on('close', (status) => resolve({ status: status ?? 1, out: Buffer.concat(out) }));
  });
}

if (!everyOutputPresent()) rmSync(CHECK_INFO, { force: true });
const results = await Promise.all(STEPS.map((s) => run(s.argv)));
// tsc leaves its record untouched when nothing changed: its time marks this check, which
// test/global-setup.ts takes as the build of the sources older than it
if (results[0].status === 0 && existsSync(CHECK_INFO))
  utimesSync(CHECK_INFO, new Date(), new Date());
let status = 0;
for (const [i, r] of results.entries()) {
  const { argv, shown } = STEPS[i];
  if (shown || r.status !== 0) process.stdout.write(r.out);
  if (r.status !== 0) {
    process.stderr.write(`npm test: \`${argv.join(' ')}\` failed (exit ${r.status})\n`);
    if (status === 0) status = r.status;
  }
}
process.exitCode = status;
