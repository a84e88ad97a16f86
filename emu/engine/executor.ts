// SPDX-License-Identifier: GPL-2.0-only
/**
 * The executor: runs kernel code (generators yielding interpolator/ops.ts operations) on simulated
 * CPUs that interleave at every operation through the scheduler.
 *
 * Timing of one operation (docs/architecture.md, "Simulated time and CPUs"):
 * - it starts at the CPU's current time t (a scheduler event in band CPU) and takes effect at t:
 *   a load returns the value at t, a store or cmpxchg writes at t, a device is accessed with
 *   `nowFs = t` (a device that samples later within its latency models that itself);
 * - it costs cycles from the cost table (emu/base/costs.ts), converted exactly by the CPU's core clock,
 *   plus `cache_line_transfer` when memory charges one, plus the device latency for MMIO, cycle
 *   counter and time-source reads; the generator resumes with the result at t + cost;
 * - computation between two yields takes no simulated time.
 *
 * Interrupts: `raise(cpu)` latches one pending interrupt (raising it again while latched is lost,
 * like a second edge before the first is serviced). It is taken before the CPU's next operation
 * when the code's flag is on (irq_save / irq_restore) and no `irq_off` window is open: the
 * handler from `onInterrupt(cpu)` runs on top of the interrupted code with interrupts off,
 * charged `irq_entry` before and `irq_exit` after, then the interrupted code resumes.
 *
 * Faults: a `fault` op records a kernel event. In a thread, the thread dies and the CPU goes idle
 * (the task is killed; the CPU still takes interrupts, with the flag on, as the idle loop does).
 * In an interrupt handler, the CPU halts: its stack is dropped and it never runs again (Linux
 * panics on an oops in interrupt context). A thread that returns also leaves the CPU idle.
 *
 * Frames: a `call` (interpolator/ops.ts) pushes the callee on the CPU's frame stack and its return
 * resumes the caller, both at once and at the same instant: only the top frame is resumed for an
 * operation, however deep the call chain. A call with a hook (`CallOp.hook`) is reported to the
 * observer as `callEnter` when its frame is pushed and `callExit` when it returns: still no time,
 * no scheduler event (the call-boundary hooks of docs/machine.md).
 *
 * Fast path: after an operation, if the CPU's next operation would be the very next event of the
 * scheduler (`wouldRunFirst`) and does not start after the end of the `runUntil` in progress, it
 * runs at once instead of going through the heap. The result is identical to strict interleaving
 * (`strict: true`) and to a run cut into slices; property tests hold them equal. Without the end
 * check a CPU spinning alone (a kernel loop with interrupts off and nothing else pending) would
 * never return to `runUntil`.
 */
import type { BusAccess, CycleCounterDevice } from '../../devices/device.js';
import type { KernelCode, Op, Word } from '../../interpolator/ops.js';
import { type CostTable, costTable } from '../base/costs.js';
import type { TimeFs } from '../base/time.js';
import type { Bus } from './bus.js';
import { Cpu } from './cpu.js';
import type {
  CpuStats,
  ExecutorObserver,
  ExecutorOptions,
  KernelEvent,
  OpTimes,
  SourceFunction,
  TraceObserver,
} from './executor-types.js';
import { describeTarget, describeWord } from './executor-types.js';
import { LazyOpTimes } from './lazy-op-times.js';
import type { Memory } from './memory.js';
import { Band, type Scheduler } from './scheduler.js';

export type {
  CpuStats,
  ExecutorObserver,
  ExecutorOptions,
  KernelEvent,
  OpTimes,
  SourceFunction,
  TraceObserver,
} from './executor-types.js';

/** Joins the split pairs of `OpTimes` (startHi, startLo, …) into a `TimeFs`. */
export { joinTime } from './split-time.js';

/** The trace observer of a run without one. */
const NO_TRACE: TraceObserver = Object.freeze({ on: false, emit: () => {} });

/**
 * Faults kept in `kernelEvents`: the first ones. A thread dies at its fault but the next job runs,
 * so a broken read path faults once per read; keeping them all would grow with the duration.
 */
export const KEPT_KERNEL_EVENTS = 100;

/** What resuming a frame once did (see `run`). */
type Step = typeof TIMED | typeof INSTANT | typeof STOP;
/** simulated time advanced (an operation, an interrupt entry or exit, a thread's end) */
const TIMED = 0;
/** nothing took time: resume again at once */
const INSTANT = 1;
/** the CPU has nothing to run */
const STOP = 2;

export class Executor {
  private readonly s: Scheduler;
  private readonly mem: Memory;
  private readonly bus: Bus;
  private readonly cpus: Cpu[];
  private readonly costs: CostTable;
  private readonly cc: CycleCounterDevice | undefined;
  private readonly sources: ReadonlyMap<bigint, SourceFunction>;
  private readonly onInterrupt: ((cpu: number) => KernelCode<void>) | undefined;
  private readonly obs: ExecutorObserver | undefined;
  private readonly tracer: TraceObserver;
  /** `op` records are traced */
  private readonly traceOps: boolean;
  /** `refused` records are traced */
  private readonly traceRefusals: boolean;
  private readonly strict: boolean;
  /** an `op` observer or a trace sink is attached */
  private readonly observing: boolean;
  private readonly times = new LazyOpTimes();
  private readonly kernelEventList: KernelEvent[] = [];
  private kernelEventTotal = 0;

  constructor(o: ExecutorOptions) {
    this.s = o.scheduler;
    this.mem = o.memory;
    this.bus = o.bus;
    this.costs = o.costs ?? costTable();
    this.cc = o.cycleCounter;
    this.sources = o.sources ?? new Map();
    this.onInterrupt = o.onInterrupt;
    this.obs = o.observer;
    this.tracer = o.tracer ?? NO_TRACE;
    this.traceOps = this.tracer.on && (this.tracer.ops ?? true);
    this.traceRefusals = this.tracer.on && (this.tracer.refusals ?? true);
    this.strict = o.strict ?? false;
    this.observing =
      this.obs?.op !== undefined ||
      this.obs?.opTimed !== undefined ||
      this.obs?.written !== undefined ||
      this.traceOps;
    if (o.memory.cpuCount < o.cpuClocksHz.length)
      throw new RangeError('executor: memory tracks fewer CPUs than the machine has');
    this.cpus = o.cpuClocksHz.map((hz, id) => {
      const cpu: Cpu = new Cpu(
        id,
        hz,
        this.s.event(Band.CPU, () => this.run(cpu)),
      );
      return cpu;
    });
  }

  get cpuCount(): number {
    return this.cpus.length;
  }

  /** The first `KEPT_KERNEL_EVENTS` faults (observers see every one). */
  get kernelEvents(): readonly KernelEvent[] {
    return this.kernelEventList;
  }

  /** Every fault so far, kept or not. */
  get kernelEventCount(): number {
    return this.kernelEventTotal;
  }

  stats(cpu: number): CpuStats {
    const c = this.cpu(cpu);
    const { state, ops, cmpxchg, cmpxchgFailed, transfers, interrupts } = c;
    return { state, ops, cmpxchg, cmpxchgFailed, transfers, interrupts };
  }

  /** The CPU's current time (its next operation's start while it runs). */
  cpuTimeFs(cpu: number): TimeFs {
    return this.cpu(cpu).nowFs;
  }

  /** Starts `code` as the thread of an idle CPU at `atFs` (default: now). */
  start(cpu: number, code: KernelCode<unknown>, atFs: TimeFs = this.s.nowFs): void {
    const c = this.cpu(cpu);
    if (c.state !== 'idle' || c.event.pending)
      throw new Error(`executor: cpu${cpu} is ${c.event.pending ? 'waking' : c.state}`);
    c.rebase(atFs);
    c.frames.push(code);
    c.sent = undefined;
    c.state = 'run';
    c.starting = true;
    this.s.arm(c.event, atFs);
  }

  /** Latches an interrupt for `cpu`, taken before its next operation when enabled. */
  raise(cpu: number): void {
    const c = this.cpu(cpu);
    c.irqPending = true;
    this.wake(c);
  }

  /** Opens an `irq_off` window on `cpu`: interrupts are deferred in [fromFs, fromFs + forFs). */
  irqOff(cpu: number, fromFs: TimeFs, forFs: TimeFs): void {
    const c = this.cpu(cpu);
    if (forFs <= 0n) throw new RangeError('executor: irq_off window must be positive');
    this.s.schedule(fromFs, Band.IRQ, () => {
      c.irqOffDepth++;
    });
    this.s.schedule(fromFs + forFs, Band.IRQ, () => {
      c.irqOffDepth--;
      this.wake(c);
    });
  }

  private cpu(cpu: number): Cpu {
    const c = this.cpus[cpu];
    if (c === undefined) throw new RangeError(`executor: no cpu${cpu}`);
    return c;
  }

  /** An idle CPU with a deliverable interrupt resumes now. */
  private wake(c: Cpu): void {
    if (c.state !== 'idle' || c.event.pending || !this.deliverable(c)) return;
    c.rebaseSplit(this.s.nowHi, this.s.nowLo);
    this.s.armSplit(c.event, c.hi, c.lo);
  }

  private deliverable(c: Cpu): boolean {
    return (
      c.irqPending &&
      c.retry === undefined &&
      c.irqEnabled &&
      c.irqOffDepth === 0 &&
      c.state !== 'halt' &&
      this.onInterrupt !== undefined
    );
  }

  /** The CPU's event: perform operations until it must wait for another event. */
  private run(c: Cpu): void {
    const s = this.s;
    if (c.starting) this.started(c);
    for (;;) {
      if (this.deliverable(c)) this.enterIrq(c);
      else {
        const step = this.step(c);
        if (step === STOP) return;
        if (step === INSTANT) continue;
      }
      if (this.strict || !s.advanceIfFirst(c.hi, c.lo, Band.CPU)) {
        s.armSplit(c.event, c.hi, c.lo);
        return;
      }
    }
  }

  private started(c: Cpu): void {
    c.starting = false;
    if (this.tracer.on) this.tracer.emit({ type: 'cpu', t: this.s.nowFs, cpu: c.id, state: 'run' });
  }

  /** Resumes the CPU's top frame once. */
  private step(c: Cpu): Step {
    if (c.retry !== undefined) {
      const op = c.retry;
      c.retry = undefined;
      return this.perform(c, op) ? TIMED : INSTANT;
    }
    const top = c.frames.length - 1;
    const frame = c.frames[top];
    if (frame === undefined) {
      if (c.state !== 'halt') this.idle(c, 'idle');
      return STOP;
    }
    const r = frame.next(c.sent);
    if (r.done) return this.frameReturned(c, top, r.value);
    const op = r.value;
    if (op.op === 'call') {
      if (op.hook !== undefined) this.enterHook(c, op.hook);
      c.frames.push(op.code);
      c.sent = undefined;
      return INSTANT;
    }
    return this.perform(c, op) ? TIMED : INSTANT;
  }

  /** The frame at `top` returned `value`. */
  private frameReturned(c: Cpu, top: number, value: unknown): Step {
    c.frames.pop();
    const hooked = c.hookFrames;
    if (hooked.length > 0 && hooked[hooked.length - 1] === top) this.exitHook(c);
    const saved = c.saved;
    if (saved.length > 0 && saved[saved.length - 1]!.base === top) {
      this.exitIrq(c);
      return TIMED;
    }
    if (top === 0) {
      c.irqEnabled = true;
      return TIMED;
    }
    // a called frame returned: its caller resumes at once, at the same instant
    c.sent = value;
    return INSTANT;
  }

  private enterHook(c: Cpu, hook: string): void {
    c.hookFrames.push(c.frames.length);
    c.hookNames.push(hook);
    this.obs?.callEnter?.(c.id, hook);
  }

  private exitHook(c: Cpu): void {
    c.hookFrames.pop();
    const hook = c.hookNames.pop()!;
    this.obs?.callExit?.(c.id, hook);
  }

  private idle(c: Cpu, state: 'idle' | 'halt'): void {
    c.state = state;
    if (this.tracer.on) this.tracer.emit({ type: 'cpu', t: c.nowFs, cpu: c.id, state });
    if (state === 'idle' && this.obs?.idle !== undefined) this.obs.idle(c.id, c.nowFs);
  }

  private enterIrq(c: Cpu): void {
    c.irqPending = false;
    c.interrupts++;
    if (c.state === 'idle') {
      c.state = 'run';
      if (this.tracer.on) this.tracer.emit({ type: 'cpu', t: c.nowFs, cpu: c.id, state: 'run' });
    }
    if (this.obs?.interrupt !== undefined) this.obs.interrupt(c.id, c.nowFs);
    if (this.tracer.on) this.tracer.emit({ type: 'irq', t: c.nowFs, cpu: c.id, edge: 'enter' });
    c.saved.push({ sent: c.sent, irqEnabled: c.irqEnabled, base: c.frames.length });
    c.frames.push(this.onInterrupt!(c.id));
    c.sent = undefined;
    c.irqEnabled = false;
    c.addCycles(this.costs.irq_entry);
  }

  private exitIrq(c: Cpu): void {
    const saved = c.saved.pop()!;
    c.sent = saved.sent;
    c.irqEnabled = saved.irqEnabled;
    if (this.tracer.on) this.tracer.emit({ type: 'irq', t: c.nowFs, cpu: c.id, edge: 'exit' });
    c.addCycles(this.costs.irq_exit);
  }

  /** The cmpxchg of `op` by CPU `c`, counted and observed; returns the value found. */
  private cmpxchg(c: Cpu, op: Extract<Op, { op: 'cmpxchg' }>): Word {
    const found = this.mem.cmpxchg(c.id, op.obj, op.field, op.expected, op.value);
    c.cmpxchg++;
    if (found !== op.expected) c.cmpxchgFailed++;
    if (this.obs?.cmpxchg !== undefined)
      this.obs.cmpxchg(c.id, op.obj, op.field, found === op.expected, c.nowFs);
    return found;
  }

  /** Performs `op` at the CPU's time and advances it; false if the op ended the frame (fault). */
  private perform(c: Cpu, op: Op): boolean {
    // The op starts at the CPU's time, which is the scheduler's now.
    const startHi = c.hi;
    const startLo = c.lo;
    const costs = this.costs;
    const mem = this.mem;
    const id = c.id;
    let result: unknown;
    let access: BusAccess | undefined;
    let cycles: number;
    let transfer = false;
    if (mem.bias !== undefined && this.deferred(c, op)) return true;
    switch (op.op) {
      case 'load':
        result = mem.load(id, op.obj, op.field);
        transfer = mem.lastTransfer;
        cycles = costs.load;
        break;
      case 'store':
        mem.store(id, op.obj, op.field, op.value);
        transfer = mem.lastTransfer;
        cycles = costs.store;
        break;
      case 'cmpxchg':
        result = this.cmpxchg(c, op);
        transfer = mem.lastTransfer;
        cycles = costs.cmpxchg;
        break;
      case 'mmio_read':
        access = this.busRead(c, op.addr, op.width);
        result = access.value;
        cycles = costs.mmio_issue;
        break;
      case 'mmio_write':
        access = this.busWrite(c, op.addr, op.width, op.value);
        cycles = costs.mmio_issue;
        break;
      case 'cycles':
        if (this.cc === undefined) throw new Error('executor: get_cycles() with no cycle counter');
        access = this.cc.readCycles(id, this.s.nowFs);
        result = access.value;
        cycles = costs.rdtsc;
        break;
      case 'set_itm':
        if (this.cc === undefined) throw new Error('executor: set_itm with no cycle counter');
        this.cc.setMatch?.(id, op.value, this.s.nowFs);
        cycles = costs.set_itm;
        break;
      case 'call_source': {
        const fn = this.sources.get(op.addr);
        if (fn === undefined) {
          this.fault(c, 'OOPS', `call_source: no function at 0x${op.addr.toString(16)}`);
          return false;
        }
        access = fn(id, this.s.nowFs);
        result = access.value;
        cycles = costs.call;
        break;
      }
      case 'cpu_relax':
        cycles = costs.cpu_relax;
        break;
      case 'irq_save':
        result = c.irqEnabled;
        c.irqEnabled = false;
        cycles = costs.irq_toggle;
        break;
      case 'irq_restore':
        c.irqEnabled = op.enabled;
        cycles = costs.irq_toggle;
        break;
      case 'work':
        cycles = costs[op.cost];
        break;
      case 'fault':
        this.fault(c, op.kind, op.where);
        return false;
      case 'call':
        throw new Error('executor: a call is control flow, not an operation');
      default: {
        const unknown: never = op;
        throw new Error(`executor: unknown operation ${(unknown as { op: string }).op}`);
      }
    }
    if (transfer) {
      cycles += costs.cache_line_transfer;
      c.transfers++;
    }
    c.ops++;
    c.sent = result;
    c.addCycles(cycles);
    if (access !== undefined && access.latencyFs !== 0n) c.addFsBig(access.latencyFs);
    if (this.observing) {
      const times = this.times;
      times.cpu = c;
      times.startHi = startHi;
      times.startLo = startLo;
      this.observe(c, op, result, transfer, times);
      times.cpu = undefined;
    }
    return true;
  }

  /**
   * Under an arbitration policy, whether a memory access was refused: the CPU waits for the
   * retry delay and performs it again (a bus transaction in flight: no interrupt is taken).
   */
  private deferred(c: Cpu, op: Op): boolean {
    if (op.op !== 'load' && op.op !== 'store' && op.op !== 'cmpxchg') return false;
    // ia64 cmpxchg writes memory only when the values are equal (Itanium SDM vol. 3, cmpxchg)
    const writes =
      op.op === 'store' ||
      (op.op === 'cmpxchg' && this.mem.wouldExchange(op.obj, op.field, op.expected));
    const waitFs = this.mem.deferSplit(c.id, op.obj, op.op !== 'load', writes, c.hi, c.lo);
    if (waitFs === 0n) return false;
    if (this.traceRefusals) this.traceRefused(c, op, waitFs);
    c.retry = op;
    c.addFsBig(waitFs);
    return true;
  }

  private traceRefused(c: Cpu, op: Extract<Op, { obj: unknown }>, waitFs: TimeFs): void {
    const t = c.nowFs;
    this.tracer.emit({
      type: 'refused',
      t,
      cpu: c.id,
      access: op.op,
      target: `${this.mem.nameOf(op.obj)}.${op.field}`,
      holder: this.mem.holderOf(op.obj),
      retry: t + waitFs,
    });
  }

  private busRead(c: Cpu, addr: bigint, width: 8 | 16 | 32 | 64): BusAccess {
    const before = this.bus.errorCount;
    const a = this.bus.read(addr, width, this.s.nowFs, c.id);
    if (this.tracer.on && this.bus.errorCount !== before) this.traceBusError(c);
    return a;
  }

  private busWrite(c: Cpu, addr: bigint, width: 8 | 16 | 32 | 64, value: bigint): BusAccess {
    const before = this.bus.errorCount;
    const a = this.bus.write(addr, width, value, this.s.nowFs, c.id);
    if (this.tracer.on && this.bus.errorCount !== before) this.traceBusError(c);
    return a;
  }

  private traceBusError(c: Cpu): void {
    const e = this.bus.lastError!;
    this.tracer.emit({
      type: 'bus_error',
      t: e.timeFs,
      cpu: c.id,
      access: e.access,
      addr: e.addr,
      width: e.width,
      message: e.message,
    });
  }

  private fault(c: Cpu, kind: 'BUG' | 'OOPS', where: string): void {
    const context = c.saved.length > 0 ? 'irq' : 'thread';
    const e: KernelEvent = { kind, where, cpu: c.id, timeFs: c.nowFs, context };
    this.kernelEventTotal++;
    if (this.kernelEventList.length < KEPT_KERNEL_EVENTS) this.kernelEventList.push(e);
    this.obs?.kernelEvent?.(e);
    if (this.tracer.on)
      this.tracer.emit({ type: 'kernel', t: e.timeFs, cpu: c.id, kind, where, context });
    c.frames.length = 0;
    c.saved.length = 0;
    c.hookFrames.length = 0;
    c.hookNames.length = 0;
    c.sent = undefined;
    if (context === 'irq') {
      c.irqPending = false;
      this.idle(c, 'halt');
    } else c.irqEnabled = true;
  }

  /** A store, or a cmpxchg that swapped, reported with the value it wrote. */
  private observeWrite(c: Cpu, op: Op, result: unknown, times: OpTimes): void {
    if (op.op === 'store' || (op.op === 'cmpxchg' && result === op.expected))
      this.obs!.written!(c.id, op.obj, op.field, op.value, times);
  }

  /** Reports a performed operation to the observer and the trace sink. */
  private observe(c: Cpu, op: Op, result: unknown, transfer: boolean, times: OpTimes): void {
    if (this.obs?.opTimed !== undefined) this.obs.opTimed(c.id, op, result, times);
    else this.obs?.op?.(c.id, op, result, times.startFs, times.endFs);
    if (this.obs?.written !== undefined) this.observeWrite(c, op, result, times);
    if (!this.traceOps) return;
    const startFs = times.startFs;
    const endFs = times.endFs;
    const shown = op.op === 'store' ? op.value : op.op === 'mmio_write' ? op.value : result;
    this.tracer.emit({
      type: 'op',
      t: startFs,
      end: endFs,
      cpu: c.id,
      op: op.op,
      target: describeTarget(op, this.mem, this.bus, this.cc),
      value: describeWord(shown, this.mem),
      ok: op.op !== 'cmpxchg' || result === op.expected,
      transfer,
    });
  }
}
