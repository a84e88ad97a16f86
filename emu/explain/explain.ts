// SPDX-License-Identifier: GPL-2.0-only
/**
 * Runs a scenario's machine with the explain recorder until the chosen read and ticks have been
 * seen (or the scenario's duration has passed), and tells them.
 */
import type { TimeFs } from '../base/time.js';
import { buildMachine, type Machine } from '../machine/machine.js';
import type { Registry } from '../scenario/registry.js';
import type { Scenario } from '../scenario/types.js';
import { type Arith, type ArithInput, arith } from './arith.js';
import { type ReadStory, readStory } from './read-story.js';
import { ExplainRecorder, type Selection } from './recorder.js';
import { type TickStory, tickStory } from './tick-story.js';

export interface ExplainRequest {
  readonly selection: Selection;
  /** tell the interpolator's arithmetic (`--arith`) */
  readonly arith: boolean;
  readonly behindCycles: bigint;
  readonly seed?: bigint;
  readonly registry?: Registry;
}

export interface Explanation {
  readonly scenario: string;
  readonly seed: bigint;
  readonly read: ReadStory | null;
  readonly ticks: readonly TickStory[];
  readonly arith: { readonly input: ArithInput; readonly result: Arith } | null;
}

/** Simulated time run between two looks at whether everything selected was seen: 100 µs. */
const SLICE_FS: TimeFs = 100_000_000_000n;

function runWhile(machine: Machine, more: () => boolean): void {
  for (let t = SLICE_FS; more() && t - SLICE_FS < machine.durationFs; t += SLICE_FS)
    machine.runUntil(t);
}

function arithOf(machine: Machine, scenario: Scenario, behindCycles: bigint): ArithInput | null {
  const k = machine.kernel;
  runWhile(machine, () => k.globals.time_interpolator === null);
  const ti = k.globals.time_interpolator;
  if (ti === null) return null;
  return {
    frequencyHz: ti.frequency,
    shift: ti.shift,
    mask: ti.mask,
    nsecPerCyc: ti.nsec_per_cyc,
    hz: BigInt(scenario.kernel.hz),
    behindCycles,
  };
}

export function explain(scenario: Scenario, req: ExplainRequest): Explanation {
  const rec = new ExplainRecorder(req.selection);
  const machine = buildMachine(scenario, {
    observer: rec,
    ...(req.seed === undefined ? {} : { seed: req.seed }),
    ...(req.registry === undefined ? {} : { registry: req.registry }),
  });
  const input = req.arith ? arithOf(machine, scenario, req.behindCycles) : null;
  runWhile(machine, () => !rec.done);
  return {
    scenario: scenario.name,
    seed: machine.seed,
    read: rec.read === null ? null : readStory(rec.read),
    ticks: rec.ticks.map(tickStory),
    arith: input === null ? null : { input, result: arith(input) },
  };
}
