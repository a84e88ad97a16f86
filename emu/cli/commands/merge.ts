// SPDX-License-Identifier: GPL-2.0-only
/**
 * `timer-emu merge <shard.json..>`: the `--json` documents of `run --shard K/N` (or `start`,
 * `sweep`), K = 1…N, put back together into exactly the document the unsharded invocation prints:
 * the runs in their original order, `passed` and `complete` recomputed over all of them. Every
 * shard must be there once and agree on N and on the number of runs; anything else is a usage
 * error naming the file and the field (exit 2). Exit 0 when the merged run passed, 1 otherwise.
 * `--html FILE` writes the page of merged sweep shards, as `sweep --html` does unsharded.
 */
import { readFileSync } from 'node:fs';
import { describeValue } from '../../base/values.js';
import { sweepPage } from '../../report/html/sweep-page.js';
import type { SweepDocument } from '../../report/html/sweep-page-data.js';
import { RUN_FORMAT, RUN_FORMAT_VERSION, runJsonText } from '../../report/json.js';
import { chartAssets } from '../chart-assets.js';
import { errnoCode, UsageError } from '../errors.js';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { checkDistinct, type OutputPlan, openOutput, planOutput } from '../output-file.js';
import { figureDescriptions } from './sweep-figures.js';
import { SWEEP_FORMAT, SWEEP_FORMAT_VERSION } from './sweep-table.js';

/** One shard's document, checked. */
interface ShardDoc {
  readonly file: string;
  readonly doc: Record<string, unknown>;
  readonly format: string;
  readonly index: number;
  readonly count: number;
  readonly runs: number;
  readonly positions: readonly number[];
  readonly complete: boolean;
  /** the runs: `scenarios` of a run document, `points` of a sweep */
  readonly items: readonly Record<string, unknown>[];
}

/** The formats that shard, their versions and the member holding their runs. */
const SHARDED: Readonly<Record<string, { version: number; items: string }>> = {
  [RUN_FORMAT]: { version: RUN_FORMAT_VERSION, items: 'scenarios' },
  [SWEEP_FORMAT]: { version: SWEEP_FORMAT_VERSION, items: 'points' },
};

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** A finding about a shard's document: the file, the JSON field, what is wrong (exit 2). */
function bad(file: string, field: string, message: string): never {
  throw new UsageError(`${file}: ${field === '' ? '' : `${field}: `}${message}`, [
    { file, path: field, message },
  ]);
}

function readDoc(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file === '/dev/stdin' ? 0 : file, 'utf8');
  } catch (err) {
    return bad(file, '', `cannot read the file (${errnoCode(err)})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return bad(file, '', `not JSON (${(err as Error).message})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    return bad(file, '', 'not a JSON object');
  return doc as Record<string, unknown>;
}

/** Every position is a run that round-robin sharding gives shard `index` of `count`. */
function checkPositions(
  file: string,
  positions: unknown,
  entries: number,
  itemsKey: string,
  shard: { index: number; count: number; runs: number },
): asserts positions is number[] {
  const { index, count, runs } = shard;
  if (!Array.isArray(positions) || positions.length !== entries)
    bad(file, 'shard.positions', `expected one position per entry of ${itemsKey}`);
  for (const [k, p] of positions.entries())
    if (!isCount(p) || p >= runs || p % count !== index - 1)
      bad(
        file,
        `shard.positions[${k}]`,
        `${describeValue(p)} is not a run of shard ${index}/${count}`,
      );
}

function checkShard(file: string, doc: Record<string, unknown>): ShardDoc {
  // only a string that is one of SHARDED's own keys (not a mapping, whose toString may be null,
  // nor "toString", which every object inherits)
  const format =
    typeof doc.format === 'string' && Object.hasOwn(SHARDED, doc.format)
      ? SHARDED[doc.format]
      : undefined;
  if (format === undefined)
    bad(file, 'format', `expected "${RUN_FORMAT}" or "${SWEEP_FORMAT}" (run or sweep --json)`);
  if (doc.version !== format.version)
    bad(
      file,
      'version',
      `expected ${format.version}, this timer-emu's ${String(doc.format)} format`,
    );
  const shard = doc.shard as Record<string, unknown> | undefined;
  if (typeof shard !== 'object' || shard === null)
    bad(file, 'shard', 'missing: this is not the output of a run with --shard K/N');
  const { index, count, runs, positions } = shard;
  if (!isCount(count) || count < 1) bad(file, 'shard.count', 'expected a whole number ≥ 1');
  if (!isCount(index) || index < 1 || index > count)
    bad(file, 'shard.index', `expected a whole number from 1 to ${count}`);
  if (!isCount(runs)) bad(file, 'shard.runs', 'expected a whole number');
  const items = doc[format.items];
  if (!Array.isArray(items)) bad(file, format.items, 'expected an array');
  checkPositions(file, positions, items.length, format.items, { index, count, runs });
  return {
    file,
    doc,
    format: String(doc.format),
    index,
    count,
    runs,
    positions: positions as number[],
    complete: doc.complete !== false,
    items: items as Record<string, unknown>[],
  };
}

/** The shards, in order of K, checked to be the whole of one sharded invocation. */
function wholeSet(docs: readonly ShardDoc[]): ShardDoc[] {
  const first = docs[0]!;
  const byIndex = new Map<number, ShardDoc>();
  for (const d of docs) {
    if (d.format !== first.format)
      bad(d.file, 'format', `"${d.format}", but ${first.file} is "${first.format}"`);
    if (d.count !== first.count)
      bad(d.file, 'shard.count', `${d.count} shards, but ${first.file} says ${first.count}`);
    if (d.runs !== first.runs)
      bad(d.file, 'shard.runs', `${d.runs} runs, but ${first.file} says ${first.runs}`);
    const twin = byIndex.get(d.index);
    if (twin !== undefined) bad(d.file, 'shard.index', `shard ${d.index} is also ${twin.file}`);
    byIndex.set(d.index, d);
  }
  const missing = [];
  for (let k = 1; k <= first.count; k++) if (!byIndex.has(k)) missing.push(k);
  if (missing.length > 0)
    throw new UsageError(
      `merge: shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${first.count} missing`,
    );
  return [...byIndex.values()];
}

/** The unsharded sweep document: the first shard's members, its runs in order, no `shard`. */
function sweepDoc(
  first: ShardDoc,
  points: readonly Record<string, unknown>[],
  complete: boolean,
): Record<string, unknown> {
  const { shard: _shard, complete: _complete, points: _points, ...rest } = first.doc;
  const { format, version, scenario, ...others } = rest;
  return {
    format,
    version,
    scenario,
    ...(complete ? {} : { complete: false }),
    ...others,
    points,
  };
}

/** The unsharded document's text from the shards' documents. */
export function mergeShards(docs: readonly ShardDoc[]): { text: string; passed: boolean } {
  const shards = wholeSet(docs);
  const first = shards[0]!;
  const ordered: (Record<string, unknown> | undefined)[] = Array.from({ length: first.runs });
  for (const d of shards) for (const [k, p] of d.positions.entries()) ordered[p] = d.items[k];
  const incomplete = shards.find((d) => !d.complete);
  // an interrupted shard holds only the runs it reached: the merged run stops at the first gap
  const gap = ordered.indexOf(undefined);
  if (gap >= 0 && incomplete === undefined)
    throw new UsageError(`merge: run ${gap} is in no shard (the shards are not of one invocation)`);
  const items = (gap >= 0 ? ordered.slice(0, gap) : ordered) as Record<string, unknown>[];
  const complete = incomplete === undefined;
  if (first.format === SWEEP_FORMAT)
    return { text: runJsonText(sweepDoc(first, items, complete)), passed: true };
  const passed = complete && items.every((s) => s.passed === true);
  const text = runJsonText({
    format: RUN_FORMAT,
    version: RUN_FORMAT_VERSION,
    passed,
    ...(complete ? {} : { complete: false }),
    scenarios: items,
  });
  return { text, passed };
}

export interface MergeOptions {
  readonly files: readonly string[];
  /** where to write the merged document (default stdout) */
  readonly out?: string;
  /** sweep shards: where to write the sweep's page */
  readonly html?: string;
}

function writeWhole(plan: OutputPlan, text: string, io: CliIo): void {
  const f = openOutput(plan, io.stdout);
  f.write(text);
  f.commit();
}

/** The page of the merged sweep (an incomplete one says so). */
function sweepHtml(text: string): string {
  const doc = JSON.parse(text) as SweepDocument;
  return sweepPage(doc, figureDescriptions(doc.figures), chartAssets());
}

export function mergeCommand(o: MergeOptions, io: CliIo): number {
  if (o.files.length === 0)
    throw new UsageError('merge: name the JSON documents of every shard (run --shard K/N --json)');
  const out = o.out === undefined ? null : planOutput('--out', o.out);
  const html = o.html === undefined ? null : planOutput('--html', o.html);
  checkDistinct(
    o.files,
    [out, html].filter((p) => p !== null),
  );
  const docs = o.files.map((f) => checkShard(f, readDoc(f)));
  if (html !== null && docs[0]!.format !== SWEEP_FORMAT)
    throw new UsageError(
      `--html: ${docs[0]!.file} is a run's shard; a page is made of sweep shards (a run's page: run --html)`,
    );
  const { text, passed } = mergeShards(docs);
  if (html !== null) writeWhole(html, sweepHtml(text), io);
  if (out === null) (html?.kind === 'stdout' ? io.stderr : io.stdout).write(text);
  else writeWhole(out, text, io);
  return passed ? EXIT_OK : EXIT_FAILED;
}
