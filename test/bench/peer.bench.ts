// SPDX-License-Identifier: GPL-2.0-only
/**
 * `npm run bench -- peer`: the standard machines here and in the SystemC peer (test/bench/peer/),
 * run alternately in one bench run, and the ratio issue 16 reports: our operations per wall second
 * over the peer's timed waits per wall second, at the same grain (one operation here, one wait
 * there). Without g++ or SystemC the module reports why it skipped and does not fail.
 */
import {
  buildPeer,
  type MachinePair,
  machinePair,
  type OurRun,
  type PeerRun,
  runOurs,
  runPeer,
} from './peer-build.js';

/** ours: V8 tiers the code up over the first runs (docs/performance.md, "Standard machines") */
const OUR_WARM_RUNS = 3;
const ROUNDS = 5;

const round = (x: number, digits = 0): number => Number(x.toFixed(digits));
const spread = (xs: readonly number[], digits = 0) => {
  const s = [...xs].sort((a, b) => a - b);
  return {
    median: round(s[s.length >> 1]!, digits),
    min: round(s[0]!, digits),
    max: round(s[s.length - 1]!, digits),
  };
};

function compare(binary: string, pair: MachinePair, target: number): Record<string, unknown> {
  for (let i = 0; i < OUR_WARM_RUNS; i++) runOurs(pair.scenario);
  runPeer(binary, pair.peerArgs);
  const ours: OurRun[] = [];
  const theirs: PeerRun[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    ours.push(runOurs(pair.scenario));
    theirs.push(runPeer(binary, pair.peerArgs));
  }
  const oursPerS = ours.map((o) => o.ops / o.wallS);
  const theirsPerS = theirs.map((t) => t.waits / t.wall_s);
  const ratios = oursPerS.map((o, i) => o / theirsPerS[i]!);
  const o = ours[0]!;
  const t = theirs[0]!;
  const ratio = spread(ratios, 3);
  return {
    ours_ops_per_s: spread(oursPerS),
    theirs_waits_per_s: spread(theirsPerS),
    ratio_ours_over_theirs: { ...ratio, per_round: ratios.map((r) => round(r, 3)) },
    target_ratio: target,
    met: ratio.median >= target,
    grain: {
      ours_ops_per_read: round(o.ops / o.reads, 2),
      theirs_waits_per_read: round(t.waits / t.reads, 2),
      theirs_ops_per_read: round(t.operations / t.reads, 2),
      waits_over_ops_per_read: round(t.waits / t.reads / (o.ops / o.reads), 4),
    },
    ours: {
      reads: o.reads,
      ops: o.ops,
      cmpxchg_retries_per_read: round(o.cmpxchgFailed / o.reads, 2),
      wall_s: spread(
        ours.map((x) => x.wallS),
        3,
      ),
    },
    theirs: {
      reads: t.reads,
      waits: t.waits,
      operations: t.operations,
      interrupts: t.interrupts,
      cmpxchg_retries_per_read: round(t.cmpxchg_failed / t.reads, 2),
      boot_end_us: t.boot_end_us,
      wall_s: spread(
        theirs.map((x) => x.wall_s),
        3,
      ),
    },
  };
}

export async function bench(): Promise<Record<string, unknown>> {
  const build = buildPeer();
  if ('skipped' in build) return { skipped: true, reason: build.skipped };
  const a = machinePair('a', 20_000);
  const systemc = runPeer(build.binary, a.peerArgs).systemc;
  return {
    peer: { compiler: build.compiler, systemc, built_now: build.built },
    method: {
      ours: 'operations per wall second, in process, from scenario text to result',
      theirs: 'timed waits per wall second, from elaboration to the end of sc_start',
      rounds: ROUNDS,
      warm_up: { ours: OUR_WARM_RUNS, theirs: 1 },
    },
    a_hpet_4cpu_back_to_back: compare(build.binary, a, 1.0),
    b_itc_512cpu_jitter_exp100us: compare(build.binary, machinePair('b', 2_000, 100), 1.5),
    b_itc_512cpu_jitter_back_to_back: compare(build.binary, machinePair('b', 500), 1.5),
  };
}
