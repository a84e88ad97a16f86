// SPDX-License-Identifier: GPL-2.0-only
/**
 * Machine assembly (docs/architecture.md, "Data flow": validated scenario → machine → events → checkers): the
 * scheduler, per-component random streams forked from the seed by stable labels, the devices on
 * the bus, the CPUs with the cost table, the 2.6.18 (or 2.6.13) timekeeping kernel, its boot, the
 * tick, the workload and the timed events. `run()` runs to the end and returns a `RunResult`.
 */
import type {
  Ia64Cpu,
  Ia64TimeGlobals,
} from '../../interpolator/arch/ia64/kernel/time/timer-interrupt.js';
import type { TimeInterpolator } from '../../interpolator/include/linux/timex.js';
import {
  newTimekeepingKernel,
  type TimekeepingKernel,
} from '../../interpolator/kernel/timer/timekeeping-state.js';
import { costTable } from '../base/costs.js';
import { floor } from '../base/rational.js';
import { createRng } from '../base/rng.js';
import { NS_PER_S, type TimeFs } from '../base/time.js';
import { RunCheckers, type RunVerdict } from '../checkers/run-checkers.js';
import { arbiterFor } from '../engine/arbiters.js';
import { Bus, type BusError } from '../engine/bus.js';
import { type CpuStats, Executor } from '../engine/executor.js';
import { Memory } from '../engine/memory.js';
import { Scheduler } from '../engine/scheduler.js';
import type { Registry } from '../scenario/registry.js';
import type { Scenario } from '../scenario/types.js';
import type { Tracer } from '../trace/tracer.js';
import { startBoot } from './boot.js';
import { CpuThreads } from './cpu-threads.js';
import { buildDevices, type MachineDevices } from './devices.js';
import { ScenarioEvents } from './events.js';
import { deviceHost } from './host.js';
import { Interpolators } from './interpolators.js';
import type { RunObserver } from './run-observer.js';
import { Tick } from './tick.js';
import { TracingCheckers } from './trace-tap.js';
import { TrueClock } from './true-clock.js';
import { IRQ, KernelWatch, THREAD } from './watch.js';
import { withSignals } from './watch-signals.js';
import { Workload } from './workload.js';

export interface MachineOptions {
  /** the run's seed (the scenario's own when absent) */
  readonly seed?: bigint;
  /** simulated time to run (the scenario's `duration` when absent) */
  readonly durationFs?: TimeFs;
  readonly tracer?: Tracer;
  /** the device types the scenario was loaded with (the built-in ones when absent) */
  readonly registry?: Registry;
  /** an observer besides the machine's own (docs/machine.md, "Observers") */
  readonly observer?: RunObserver;
}

/** The interpolator's state at the end of the run. */
export interface FinalKernelState {
  readonly jiffies: bigint;
  readonly xtimeNs: bigint;
  /** the current interpolator's fields, null when none is registered */
  readonly interpolator: {
    readonly nsecPerCyc: bigint;
    readonly offsetNs: bigint;
    readonly frequencyHz: bigint;
    readonly jitter: bigint;
  } | null;
}

export interface RunResult {
  readonly scenario: string;
  readonly seed: bigint;
  readonly durationFs: TimeFs;
  /** simulated time reached (the duration, or earlier when nothing was left to run) */
  readonly endFs: TimeFs;
  readonly verdict: RunVerdict;
  readonly readsPerCpu: readonly number[];
  /** the device whose interpolator is current at the end, null when none */
  readonly interpolatorAtEnd: string | null;
  readonly kernel: FinalKernelState;
  readonly cpuStats: readonly CpuStats[];
  /** operations executed by all CPUs */
  readonly operations: number;
  readonly busErrors: number;
  /** the first bus error (an access no device decodes, or one a device refused), if any */
  readonly firstBusError: BusError | null;
  /** scheduler events run */
  readonly events: number;
}

export interface Machine {
  readonly scenario: Scenario;
  readonly seed: bigint;
  readonly durationFs: TimeFs;
  readonly kernel: TimekeepingKernel;
  readonly devices: MachineDevices;
  /** runs up to `tFs` (at most the duration); returns the scheduler events run */
  runUntil(tFs: TimeFs): number;
  /** runs to the end and returns the result (`finish` included) */
  run(): RunResult;
  /** ends the run where it is (flushes the trace) and returns the result */
  finish(): RunResult;
  /** the result so far */
  result(): RunResult;
}

export function buildMachine(scenario: Scenario, options: MachineOptions = {}): Machine {
  return new MachineImpl(scenario, options);
}

class MachineImpl implements Machine {
  readonly seed: bigint;
  readonly durationFs: TimeFs;
  readonly kernel: TimekeepingKernel;
  readonly devices: MachineDevices;
  private readonly scheduler = new Scheduler();
  private readonly exec: Executor;
  private readonly bus: Bus;
  private readonly checkers: RunCheckers;
  private readonly interpolators: Interpolators;
  private readonly readsPerCpu: number[];
  private readonly tracer: Tracer | undefined;
  /** the checkers when they also trace (`checkers` itself) */
  private readonly tracing: TracingCheckers | undefined;
  private eventsRun = 0;

  constructor(
    readonly scenario: Scenario,
    options: MachineOptions,
  ) {
    this.seed = options.seed ?? scenario.seed;
    this.durationFs = options.durationFs ?? scenario.durationFs;
    this.tracer = options.tracer;
    this.tracing = options.tracer?.domain ? new TracingCheckers(options.tracer) : undefined;
    this.checkers = this.tracing ?? new RunCheckers();
    const cpus = scenario.machine.cpus;
    const kc = scenario.kernel;
    const root = createRng(this.seed);
    const scheduler = this.scheduler;

    const k = newTimekeepingKernel({ hz: kc.hz, revision: kc.revision, shiftSemantics: 'ia64' });
    k.jiffies.jiffies = kc.initialJiffies;
    k.wall.wall_jiffies = kc.initialJiffies;
    this.kernel = k;

    this.bus = new Bus();
    let tick: Tick | undefined;
    this.devices = buildDevices(
      scenario,
      root,
      this.bus,
      (name) => deviceHost(scheduler, (line, level) => tick?.onIrq(name, line, level)),
      options.registry,
    );
    this.interpolators = new Interpolators(scenario, this.devices, this.bus);
    const registrants = scenario.interpolators.map((c) => this.interpolators.registrant(c));

    const ia64Globals: Ia64TimeGlobals = { time_keeper_id: BigInt(kc.timekeeper) };
    const ia64Cpus: Ia64Cpu[] = Array.from({ length: cpus }, (_, id) => ({
      id: BigInt(id),
      online: true,
      local_cpu_data: { itm_delta: 0n, itm_next: 0n },
    }));
    tick = new Tick(scenario.tick, {
      k,
      scheduler,
      devices: this.devices,
      timekeeper: kc.timekeeper,
      ia64Globals,
      ia64Cpus,
      rng: root.fork('tick'),
    });

    const memory = new Memory(
      cpus,
      arbiterFor(scenario.machine.coherence, {
        cpus,
        cpuFrequencyHz: scenario.machine.cpuFrequencyHz,
        transferCycles: costTable(scenario.machine.costs).cache_line_transfer,
        rng: () => root.fork('coherence'),
      }),
    );
    this.nameRecords(memory, k, ia64Globals, ia64Cpus);

    const trueClock = new TrueClock(kc.bootWallTimeNs);
    let events: ScenarioEvents | undefined;
    let workload: Workload | undefined;
    const threads: CpuThreads[] = [];
    const watch = new KernelWatch(cpus, k, this.interpolators.all, {
      emit: (e) => this.checkers.observeKernel(e),
      cmpxchg: (_cpu, ok) => this.checkers.countCmpxchg(ok),
      epoch: () => trueClock.epoch,
      writeUnlocked: (cpu) => events?.writeUnlocked(cpu),
      fault: (e) => {
        if (e.context !== 'thread') return;
        workload?.killed(e.cpu);
        threads[e.cpu]?.threadKilled();
      },
      idle: (cpu) => threads[cpu]?.cpuIdle(),
      ...(this.tracing ? { update: this.tracing.observeUpdate.bind(this.tracing) } : {}),
    });

    const handler = tick;
    this.exec = new Executor({
      scheduler,
      memory,
      bus: this.bus,
      cpuClocksHz: new Array(cpus).fill(scenario.machine.cpuFrequencyHz),
      ...(this.devices.cycleCounter ? { cycleCounter: this.devices.cycleCounter } : {}),
      sources: this.interpolators.sources,
      costs: costTable(scenario.machine.costs),
      onInterrupt: (cpu) => irq(cpu),
      observer: withSignals(watch, options.observer, options.tracer?.signals, {
        kernel: k,
        interpolators: this.interpolators.all,
        bus: this.bus,
        cycleCounter: this.devices.cycleCounter?.name,
      }),
      ...(options.tracer ? { tracer: options.tracer } : {}),
    });
    function* irq(cpu: number) {
      watch.context[cpu] = IRQ;
      yield* handler.handler(cpu);
      watch.context[cpu] = THREAD;
    }
    options.observer?.attach?.(watch.context, k);
    tick.attach(this.exec);
    for (let cpu = 0; cpu < cpus; cpu++) threads.push(new CpuThreads(this.exec, scheduler, cpu));

    this.readsPerCpu = new Array<number>(cpus).fill(0);
    workload = new Workload({
      k,
      exec: this.exec,
      threads,
      checkers: this.checkers,
      watch,
      trueClock,
      root,
      readsPerCpu: this.readsPerCpu,
      ...(options.observer ? { observer: options.observer } : {}),
    });
    events = new ScenarioEvents({
      k,
      scheduler,
      exec: this.exec,
      threads,
      devices: this.devices.byName,
      interpolators: this.interpolators,
      trueClock,
      timekeeper: kc.timekeeper,
      cpus,
    });

    const itcTick = scenario.tick.source.kind === 'itc' ? scenario.tick.source.device : null;
    const itcDevice = itcTick === null ? undefined : this.devices.byName.get(itcTick);
    const itcConfig = itcDevice?.config;
    startBoot({
      k,
      bootWallTimeNs: kc.bootWallTimeNs,
      registrants,
      threads,
      ia64Cpus,
      itcTickHz:
        itcConfig?.type === 'itc' || itcConfig?.type === 'tsc'
          ? floor(itcConfig.frequencyHz)
          : null,
    });
    tick.start();
    workload.start(scenario.workload);
    events.schedule(scenario.events);
  }

  runUntil(tFs: TimeFs): number {
    const target = tFs < this.durationFs ? tFs : this.durationFs;
    if (target < this.scheduler.nowFs) return 0;
    const n = this.scheduler.runUntil(target);
    this.eventsRun += n;
    return n;
  }

  run(): RunResult {
    this.runUntil(this.durationFs);
    return this.finish();
  }

  finish(): RunResult {
    this.tracing?.finish(this.scheduler.nowFs);
    this.tracer?.end();
    return this.result();
  }

  result(): RunResult {
    const k = this.kernel;
    const ti: TimeInterpolator | null = k.globals.time_interpolator;
    const cpuStats = Array.from({ length: this.exec.cpuCount }, (_, i) => this.exec.stats(i));
    return {
      scenario: this.scenario.name,
      seed: this.seed,
      durationFs: this.durationFs,
      endFs: this.scheduler.nowFs,
      verdict: this.checkers.verdict(),
      readsPerCpu: [...this.readsPerCpu],
      interpolatorAtEnd: this.interpolators.deviceOf(ti),
      kernel: {
        jiffies: k.jiffies.jiffies,
        xtimeNs: k.xtime.tv_sec * NS_PER_S + k.xtime.tv_nsec,
        interpolator:
          ti === null
            ? null
            : {
                nsecPerCyc: ti.nsec_per_cyc,
                offsetNs: ti.offset,
                frequencyHz: ti.frequency,
                jitter: ti.jitter,
              },
      },
      cpuStats,
      operations: cpuStats.reduce((n, s) => n + s.ops, 0),
      busErrors: this.bus.errorCount,
      firstBusError: this.bus.errors[0] ?? null,
      events: this.eventsRun,
    };
  }

  private nameRecords(
    memory: Memory,
    k: TimekeepingKernel,
    g: Ia64TimeGlobals,
    cpus: readonly Ia64Cpu[],
  ): void {
    memory.name(k.globals, 'time_interpolator');
    memory.name(k.time_interpolator_lock, 'time_interpolator_lock');
    memory.name(k.xtime_lock, 'xtime_lock');
    memory.name(k.jiffies, 'jiffies');
    memory.name(k.tick, 'tick_nsec');
    memory.name(k.xtime, 'xtime');
    memory.name(k.wall_to_monotonic, 'wall_to_monotonic');
    memory.name(k.wall, 'wall_jiffies');
    memory.name(k.clock, 'clocksource_jiffies');
    memory.name(k.ntp, 'ntp');
    memory.name(k.notify, 'clock_was_set');
    memory.name(g, 'time_keeper_id');
    for (const c of cpus) memory.name(c.local_cpu_data, `cpu${c.id}.local_cpu_data`);
    for (const [device, ti] of this.interpolators.byDevice) memory.name(ti, `ti:${device}`);
  }
}
