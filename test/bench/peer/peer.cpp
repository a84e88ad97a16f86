// SPDX-License-Identifier: GPL-2.0-only
// A SystemC peer of the standard machines of docs/performance.md, at the emulator's grain: one
// SC_THREAD per CPU and one timed wait per operation the kernel code performs (load, store,
// cmpxchg, MMIO read, cycle-counter read, ITM write, cpu_relax, irq save/restore, system-call
// work), each costing the emulator's cycles (emu/engine/costs.ts) at the CPU's 1.5 GHz clock, plus
// a cache-line transfer where the ownership model charges one (memory.h), plus the device's read
// latency (HPET: 1 us). Interrupt entry and exit are one wait each, as they are one scheduler
// step each in the emulator. Kernel code follows the TypeScript port operation for operation
// (interpolator/kernel/time/timeofday.ts getnstimeofday, kernel/timer/interpolator.ts,
// interpolator-counter.ts, tick.ts, ntp.ts, clocksource.ts, include/linux/locks.ts,
// arch/ia64/kernel/time/*.ts, the boot of emu/machine/boot.ts).
//
//   peer a|b CPUS DURATION_US THINK_US [SEED]
// a: an HPET interpolator (MMIO64, no jitter); b: the ITC interpolator with jitter compensation.
// THINK_US 0 is back to back, otherwise an exponential think time of that mean between reads.
// Prints one JSON object. Not bit for bit the emulator: its own tie order and random draws.
#include <systemc>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernel.h"
#include "memory.h"

namespace peer {

using sc_core::sc_time;
using sc_core::sc_time_stamp;

constexpr uint64_t FS_PER_S = 1000000000000000ull;
/** 1.5 GHz core and ITC clock: one cycle is P/Q fs */
constexpr uint64_t CYCLE_P = 2000000, CYCLE_Q = 3;
constexpr uint64_t ITC_HZ = 1500000000ull;
/** HPET: COUNTER_CLK_PERIOD 69 841 279 fs, the oscillator 40 ppm fast, 1 us read latency */
constexpr uint64_t HPET_PERIOD_FS = 69841279;
constexpr uint64_t HPET_READ_LATENCY_FS = 1000000000ull;
constexpr uint64_t HPET_COUNTER_ADDR = 0xfed00000ull + 0xf0;
constexpr uint64_t NEVER = ~0ull;

inline bool time_after(uint64_t a, uint64_t b) { return static_cast<int64_t>(b - a) < 0; }
inline bool time_after_eq(uint64_t a, uint64_t b) { return static_cast<int64_t>(a - b) >= 0; }

struct Config {
  bool hpet = true;
  int cpus = 4;
  uint64_t durationFs = 0;
  uint64_t thinkMeanFs = 0;
  uint64_t seed = 1;
};

struct Totals {
  uint64_t ops = 0, waits = 0, reads = 0, cmpxchg = 0, cmpxchgFailed = 0, interrupts = 0;
  uint64_t bootEndFs = 0;
};

class Machine;

SC_MODULE(Cpu) {
  SC_HAS_PROCESS(Cpu);
  Cpu(sc_core::sc_module_name name, Machine &m, int id);

  void thread();
  /** the time of this CPU's next ITM match, NEVER when none is armed */
  uint64_t itmMatchFs = NEVER;
  sc_core::sc_event itmEvent;
  sc_core::sc_event bootTurn;

 private:
  Machine &m_;
  Kernel &k_;
  Memory &mem_;
  Totals &t_;
  const int id_;
  const int cpuData_;
  /** fraction of a femtosecond, in 1/CYCLE_Q fs: the CPU's cycle grid */
  uint64_t remQ_ = 0;
  bool irqEnabled_ = true;
  std::mt19937_64 rng_;

  uint64_t now() const { return sc_time_stamp().value(); }
  void rebase() { remQ_ = 0; }
  /** The operation just performed lasts `cycles` (+ `latencyFs`): one timed wait. */
  void finish(uint32_t cycles, uint64_t latencyFs = 0) {
    const uint64_t x = remQ_ + cycles * CYCLE_P;
    remQ_ = x % CYCLE_Q;
    ++t_.ops;
    ++t_.waits;
    wait(sc_time::from_value(x / CYCLE_Q + latencyFs));
  }
  void advance(uint32_t cycles) {
    const uint64_t x = remQ_ + cycles * CYCLE_P;
    remQ_ = x % CYCLE_Q;
    ++t_.waits;
    wait(sc_time::from_value(x / CYCLE_Q));
  }
  /** Before every operation: a latched, deliverable timer interrupt is taken first. */
  void boundary() {
    if (irqEnabled_ && now() >= itmMatchFs) interrupt();
  }
  void interrupt();

  // The operations (interpolator/ops.ts), performed at the current instant.
  uint64_t load(int line, const uint64_t &field) {
    boundary();
    const bool transfer = mem_.load(id_, line);
    const uint64_t v = field;
    finish(Costs::load + (transfer ? Costs::cache_line_transfer : 0));
    return v;
  }
  void store(int line, uint64_t &field, uint64_t value) {
    boundary();
    const bool transfer = mem_.own(id_, line);
    field = value;
    finish(Costs::store + (transfer ? Costs::cache_line_transfer : 0));
  }
  uint64_t cmpxchg(int line, uint64_t &field, uint64_t expected, uint64_t value) {
    boundary();
    const bool transfer = mem_.own(id_, line);
    const uint64_t found = field;
    if (found == expected) field = value;
    ++t_.cmpxchg;
    if (found != expected) ++t_.cmpxchgFailed;
    finish(Costs::cmpxchg + (transfer ? Costs::cache_line_transfer : 0));
    return found;
  }
  uint64_t cycles() {
    boundary();
    const uint64_t v = static_cast<uint64_t>((static_cast<unsigned __int128>(now()) * CYCLE_Q) / CYCLE_P);
    finish(Costs::rdtsc);
    return v;
  }
  uint64_t mmioRead64() {
    boundary();
    const auto v = static_cast<uint64_t>((static_cast<unsigned __int128>(now()) * 1000040u) /
                                         (static_cast<unsigned __int128>(HPET_PERIOD_FS) * 1000000u));
    finish(Costs::mmio_issue, HPET_READ_LATENCY_FS);
    return v;
  }
  void setItm(uint64_t value);
  bool irqSave() {
    boundary();
    const bool was = irqEnabled_;
    irqEnabled_ = false;
    finish(Costs::irq_toggle);
    return was;
  }
  void irqRestore(bool enabled) {
    boundary();
    irqEnabled_ = enabled;
    finish(Costs::irq_toggle);
  }
  void cpuRelax() {
    boundary();
    finish(Costs::cpu_relax);
  }
  void syscall() {
    boundary();
    finish(Costs::syscall);
  }

  // Kernel code.
  uint64_t deref() { return load(kGlobals, k_.time_interpolator); }
  uint64_t tiLoad(const uint64_t &field) {
    deref();
    return load(kTi, field);
  }
  void tiStore(uint64_t &field, uint64_t value) {
    deref();
    store(kTi, field, value);
  }
  uint64_t getnstimeofday();
  uint64_t getOffset();
  uint64_t getCounter(bool writelock);
  uint64_t tiNsecs(uint64_t count);
  void spinLock(int line, uint64_t &lock);
  void writeSeqlock();
  void writeSequnlock();
  void timerInterrupt();
  void doTimer();
  void updateWallTime();
  void interpolatorUpdate(int64_t delta);
  uint64_t adjtimeAdjustment();
  void updateNtpOneTick();
  uint64_t currentTickLength();
  void clocksourceAdjust(uint64_t offset);
  void bootCpu0();
  void localTimer();
  void registerItc();
  void registerInterpolator();
  bool isBetter();
  void interpolatorReset();
};

class Machine {
 public:
  explicit Machine(const Config &c) : cfg(c), mem(kCpuData + c.cpus, c.cpus) {
    k.cpu.resize(c.cpus);
    k.jiffies = k.wall_jiffies = 4294892296ull;  // INITIAL_JIFFIES at HZ 250
    k.mult = 4000000ull << 8;                     // NSEC_PER_JIFFY << 8
    if (c.hpet) {
      k.ti.source = kTimeSourceMmio64;
      k.ti.shift = 10;
      k.ti.addr = HPET_COUNTER_ADDR;
      k.ti.mask = ~0ull;
      k.ti.frequency = (FS_PER_S + HPET_PERIOD_FS / 2) / HPET_PERIOD_FS;
      k.ti.drift = 500;
    } else {
      k.ti.source = kTimeSourceCpu;
      k.ti.shift = 16;
      k.ti.mask = ~0ull;
    }
    // emu/machine/boot.ts: CPU 0's init, each further CPU's local timer, then the interpolator's
    // registration (the ITC on every CPU in turn, the HPET once on CPU 0)
    steps.push_back({0, Step::Cpu0});
    for (int c = 1; c < cfg.cpus; ++c) steps.push_back({c, Step::LocalTimer});
    if (c.hpet)
      steps.push_back({0, Step::Register});
    else
      for (int c = 0; c < cfg.cpus; ++c) steps.push_back({c, Step::Register});
    for (int c = 0; c < cfg.cpus; ++c)
      cpus.push_back(std::make_unique<Cpu>(("cpu" + std::to_string(c)).c_str(), *this, c));
  }

  struct Step {
    enum Kind { Cpu0, LocalTimer, Register };
    int cpu;
    Kind kind;
  };

  Config cfg;
  Kernel k;
  Memory mem;
  Totals totals;
  std::vector<Step> steps;
  size_t bootStep = 0;
  sc_core::sc_event booted;
  std::vector<std::unique_ptr<Cpu>> cpus;

  void stepDone() {
    ++bootStep;
    if (bootStep < steps.size())
      cpus[steps[bootStep].cpu]->bootTurn.notify(sc_core::SC_ZERO_TIME);
    else {
      totals.bootEndFs = sc_time_stamp().value();
      booted.notify(sc_core::SC_ZERO_TIME);
    }
  }
};

Cpu::Cpu(sc_core::sc_module_name name, Machine &m, int id)
    : sc_module(name), m_(m), k_(m.k), mem_(m.mem), t_(m.totals), id_(id),
      cpuData_(kCpuData + id), rng_(m.cfg.seed * 0x9e3779b97f4a7c15ull + id) {
  SC_THREAD(thread);
}

void Cpu::thread() {
  // boot: this CPU's steps in boot order, each started from idle
  for (size_t i = 0; i < m_.steps.size(); ++i) {
    if (m_.steps[i].cpu != id_) continue;
    while (m_.bootStep != i) wait(bootTurn);
    rebase();
    switch (m_.steps[i].kind) {
      case Machine::Step::Cpu0: bootCpu0(); break;
      case Machine::Step::LocalTimer: localTimer(); break;
      case Machine::Step::Register:
        if (m_.cfg.hpet) registerInterpolator(); else registerItc();
        break;
    }
    m_.stepDone();
  }
  if (m_.bootStep < m_.steps.size()) wait(m_.booted);
  rebase();
  const bool backToBack = m_.cfg.thinkMeanFs == 0;
  std::exponential_distribution<double> think(1.0);
  for (;;) {
    // emu/machine/workload.ts: a system call entry, then the read
    syscall();
    getnstimeofday();
    ++t_.reads;
    if (backToBack) continue;
    const auto thinkFs = static_cast<uint64_t>(std::llround(think(rng_) * m_.cfg.thinkMeanFs));
    // idle until the next read; a timer interrupt is taken meanwhile
    uint64_t wakeFs = now() + thinkFs;
    while (now() < wakeFs) {
      if (itmMatchFs <= now()) {
        interrupt();
        continue;
      }
      wait(sc_time::from_value(wakeFs - now()), itmEvent);
      ++t_.waits;
    }
    rebase();
  }
}

void Cpu::interrupt() {
  itmMatchFs = NEVER;
  ++t_.interrupts;
  const bool saved = irqEnabled_;
  irqEnabled_ = false;
  advance(Costs::irq_entry);
  timerInterrupt();
  advance(Costs::irq_exit);
  irqEnabled_ = saved;
}

void Cpu::setItm(uint64_t value) {
  boundary();
  // the match fires at the first instant the ITC reads `value`
  const auto fs = static_cast<uint64_t>((static_cast<unsigned __int128>(value) * CYCLE_P + CYCLE_Q - 1) / CYCLE_Q);
  itmMatchFs = fs;
  itmEvent.cancel();
  itmEvent.notify(sc_time::from_value(fs > now() ? fs - now() : 0));
  finish(Costs::set_itm);
}

// kernel/time.c getnstimeofday with read_seqbegin / read_seqretry in place
uint64_t Cpu::getnstimeofday() {
  uint64_t sec, nsec;
  for (;;) {
    const uint64_t seq = load(kXtimeLock, k_.sequence);
    sec = load(kXtime, k_.xtime_sec);
    const uint64_t tv_nsec = load(kXtime, k_.xtime_nsec);
    nsec = tv_nsec + getOffset();
    if (load(kXtimeLock, k_.sequence) == seq && (seq & 1) == 0) break;
  }
  return sec * kNsecPerSec + nsec;
}

// kernel/timer.c time_interpolator_get_offset
uint64_t Cpu::getOffset() {
  if (deref() == 0) return 0;
  const uint64_t offset = tiLoad(k_.ti.offset);
  const uint64_t count = getCounter(false);
  return offset + tiNsecs(count);
}

// GET_TI_NSECS(count, time_interpolator): four loads, left to right
uint64_t Cpu::tiNsecs(uint64_t count) {
  const uint64_t last_counter = tiLoad(k_.ti.last_counter);
  const uint64_t mask = tiLoad(k_.ti.mask);
  const uint64_t nsec_per_cyc = tiLoad(k_.ti.nsec_per_cyc);
  const uint64_t shift = tiLoad(k_.ti.shift);
  return (((count - last_counter) & mask) * nsec_per_cyc) >> shift;
}

// kernel/timer.c time_interpolator_get_counter (2.6.18), jitter compensation by cmpxchg
uint64_t Cpu::getCounter(bool writelock) {
  const uint64_t src = tiLoad(k_.ti.source);
  const bool jitter = tiLoad(k_.ti.jitter) != 0;
  uint64_t lcycle = 0;
  for (;;) {
    if (jitter) lcycle = tiLoad(k_.ti.last_cycle);
    uint64_t now;
    if (src == kTimeSourceMmio64) {
      tiLoad(k_.ti.addr);
      now = mmioRead64();
    } else
      now = cycles();
    if (!jitter) return now;
    if (lcycle != 0 && time_after(lcycle, now)) return lcycle;
    deref();
    if (writelock) {
      store(kTi, k_.ti.last_cycle, now);
      return now;
    }
    if (cmpxchg(kTi, k_.ti.last_cycle, lcycle, now) == lcycle) return now;
  }
}

void Cpu::spinLock(int line, uint64_t &lock) {
  for (;;) {
    if (cmpxchg(line, lock, 0, 1) == 0) return;
    while (load(line, lock) != 0) cpuRelax();
  }
}

void Cpu::writeSeqlock() {
  spinLock(kXtimeLock, k_.xtime_lock);
  store(kXtimeLock, k_.sequence, static_cast<uint32_t>(load(kXtimeLock, k_.sequence) + 1));
}

void Cpu::writeSequnlock() {
  store(kXtimeLock, k_.sequence, static_cast<uint32_t>(load(kXtimeLock, k_.sequence) + 1));
  store(kXtimeLock, k_.xtime_lock, 0);
}

// arch/ia64/kernel/time.c timer_interrupt
void Cpu::timerInterrupt() {
  CpuData &d = k_.cpu[id_];
  uint64_t new_itm = load(cpuData_, d.itm_next);
  if (!time_after(cycles(), new_itm)) cycles();
  for (;;) {
    new_itm += load(cpuData_, d.itm_delta);
    if (static_cast<uint64_t>(id_) == load(kIa64Globals, k_.time_keeper_id)) {
      writeSeqlock();
      doTimer();
      store(cpuData_, d.itm_next, new_itm);
      writeSequnlock();
    } else
      store(cpuData_, d.itm_next, new_itm);
    if (time_after(new_itm, cycles())) break;
  }
  for (;;) {
    for (;;) {
      const uint64_t now = cycles();
      const uint64_t delta = load(cpuData_, d.itm_delta);
      if (time_after(new_itm, now + delta / 2)) break;
      new_itm += delta;
    }
    setItm(new_itm);
    if (!time_after_eq(cycles(), new_itm)) break;
  }
}

// kernel/timer.c do_timer, update_times
void Cpu::doTimer() {
  store(kJiffies, k_.jiffies, load(kJiffies, k_.jiffies) + 1);
  const uint64_t jiffies = load(kJiffies, k_.jiffies);
  const uint64_t wall_jiffies = load(kWall, k_.wall_jiffies);
  store(kWall, k_.wall_jiffies, wall_jiffies + (jiffies - wall_jiffies));
  updateWallTime();
}

// kernel/timer.c update_wall_time (2.6.18, the jiffies clocksource)
void Cpu::updateWallTime() {
  if (load(kWall, k_.timekeeping_suspended) != 0) return;
  uint64_t offset = load(kClock, k_.cycle_interval);
  const uint64_t shift = load(kClock, k_.cs_shift);
  const uint64_t tv_nsec = load(kXtime, k_.xtime_nsec);
  store(kClock, k_.cs_xtime_nsec, load(kClock, k_.cs_xtime_nsec) + (tv_nsec << shift));
  for (;;) {
    const uint64_t cycle_interval = load(kClock, k_.cycle_interval);
    if (offset < cycle_interval) break;
    const uint64_t xtime_interval = load(kClock, k_.xtime_interval);
    const uint64_t xtime_nsec = load(kClock, k_.cs_xtime_nsec) + xtime_interval;
    store(kClock, k_.cs_xtime_nsec, xtime_nsec);
    store(kClock, k_.cycle_last, load(kClock, k_.cycle_last) + cycle_interval);
    offset -= cycle_interval;
    if (xtime_nsec >= (kNsecPerSec << shift))
      throw std::runtime_error("peer: second_overflow is not modelled (runs stay below 1 s)");
    interpolatorUpdate(static_cast<int64_t>(load(kClock, k_.xtime_interval) >> shift));
    updateNtpOneTick();
    const uint64_t tick_length = currentTickLength();
    store(kClock, k_.error, load(kClock, k_.error) + tick_length);
    const uint64_t error = load(kClock, k_.error);
    store(kClock, k_.error, error - (load(kClock, k_.xtime_interval) << (32 - shift)));
  }
  clocksourceAdjust(offset);
  const uint64_t xtime_nsec = load(kClock, k_.cs_xtime_nsec);
  const uint64_t nsec = static_cast<uint64_t>(static_cast<int64_t>(xtime_nsec) >> shift);
  store(kXtime, k_.xtime_nsec, nsec);
  store(kClock, k_.cs_xtime_nsec, xtime_nsec - (nsec << shift));
}

// kernel/timer.c time_interpolator_update
void Cpu::interpolatorUpdate(int64_t delta) {
  if (deref() == 0) return;
  const uint64_t counter = getCounter(true);
  const uint64_t offset = tiLoad(k_.ti.offset) + tiNsecs(counter);
  if (delta < 0 || static_cast<uint64_t>(delta) < offset)
    tiStore(k_.ti.offset, offset - delta);
  else {
    tiStore(k_.ti.skips, tiLoad(k_.ti.skips) + 1);
    tiStore(k_.ti.ns_skipped, tiLoad(k_.ti.ns_skipped) + delta - offset);
    tiStore(k_.ti.offset, 0);
  }
  tiStore(k_.ti.last_counter, counter);
  if (load(kJiffies, k_.jiffies) % 65536 == 0)
    throw std::runtime_error("peer: the interpolator's tuning is not modelled");
}

uint64_t Cpu::adjtimeAdjustment() {
  int64_t step = static_cast<int64_t>(load(kNtp, k_.time_adjust));
  if (step != 0) {
    const auto tickadj = static_cast<int64_t>(load(kNtp, k_.tickadj));
    if (step > tickadj) step = tickadj;
    if (step < -tickadj) step = -tickadj;
  }
  return static_cast<uint64_t>(step);
}

void Cpu::updateNtpOneTick() {
  const uint64_t step = adjtimeAdjustment();
  if (step != 0) store(kNtp, k_.time_adjust, load(kNtp, k_.time_adjust) - step);
  const uint64_t next = load(kNtp, k_.time_next_adjust);
  if (next != 0) {
    store(kNtp, k_.time_adjust, next);
    store(kNtp, k_.time_next_adjust, 0);
  }
}

uint64_t Cpu::currentTickLength() {
  const uint64_t tick_nsec = load(kTick, k_.tick_nsec);
  const uint64_t step = adjtimeAdjustment();
  const uint64_t time_adj = load(kNtp, k_.time_adj);
  return ((tick_nsec + step * 1000) << 32) + (time_adj << 20);
}

// kernel/timer.c clocksource_adjust: only its no-adjustment return is modelled (the error of
// the jiffies clocksource stays 0 at HZ 250 until the first second_overflow)
void Cpu::clocksourceAdjust(uint64_t) {
  const uint64_t shift = load(kClock, k_.cs_shift);
  const auto interval = static_cast<int64_t>(load(kClock, k_.cycle_interval));
  const int64_t error = static_cast<int64_t>(load(kClock, k_.error)) >> (32 - shift - 1);
  if (error > interval || error < -interval)
    throw std::runtime_error("peer: clocksource_adjust's steering is not modelled");
}

// timekeeping_init and time_init on CPU 0 (with its local timer)
void Cpu::bootCpu0() {
  const bool flags = irqSave();
  writeSeqlock();
  store(kNtp, k_.time_adjust, 0);
  store(kNtp, k_.time_status, load(kNtp, k_.time_status) | kStaUnsync);
  store(kNtp, k_.time_maxerror, kNtpPhaseLimit);
  store(kNtp, k_.time_esterror, kNtpPhaseLimit);
  const uint64_t tick_nsec = load(kTick, k_.tick_nsec);
  const uint64_t shift = load(kClock, k_.cs_shift);
  const uint64_t mult = load(kClock, k_.mult);
  uint64_t interval = ((tick_nsec << shift) + mult / 2) / mult;
  if (interval == 0) interval = 1;
  store(kClock, k_.cycle_interval, interval);
  store(kClock, k_.xtime_interval, interval * mult);
  store(kClock, k_.cycle_last, load(kJiffies, k_.jiffies));
  writeSequnlock();
  irqRestore(flags);
  store(kXtime, k_.xtime_sec, 0);
  store(kXtime, k_.xtime_nsec, 0);
  localTimer();
  store(kWallToMono, k_.wtm_sec, 0);
  store(kWallToMono, k_.wtm_nsec, 0);
}

// this CPU's itm_delta, then ia64_cpu_local_tick (with its start-up stagger)
void Cpu::localTimer() {
  CpuData &d = k_.cpu[id_];
  store(cpuData_, d.itm_delta, (ITC_HZ + k_.hz / 2) / k_.hz);
  const uint64_t delta = load(cpuData_, d.itm_delta);
  uint64_t shift = 0;
  if (id_ > 0) {
    uint64_t hi = 1;
    while (hi * 2 <= static_cast<uint64_t>(id_)) hi *= 2;
    shift = ((2 * (id_ - hi) + 1) * delta / hi) / 2;
  }
  const uint64_t itm_next = cycles() + delta + shift;
  store(cpuData_, d.itm_next, itm_next);
  setItm(itm_next);
}

// ia64_init_itm's ITC registration on this CPU (SMP, no `nojitter`)
void Cpu::registerItc() {
  store(kTi, k_.ti.frequency, ITC_HZ);
  store(kTi, k_.ti.drift, ~0ull);
  store(kTi, k_.ti.jitter, 1);
  registerInterpolator();
}

// kernel/timer.c register_time_interpolator
void Cpu::registerInterpolator() {
  const uint64_t frequency = load(kTi, k_.ti.frequency);
  const uint64_t mask = load(kTi, k_.ti.mask);
  if (frequency == 0 || mask == 0) throw std::runtime_error("peer: BUG_ON in registration");
  const uint64_t shift = load(kTi, k_.ti.shift);
  store(kTi, k_.ti.nsec_per_cyc,
        static_cast<uint32_t>((kNsecPerSec << shift) / load(kTi, k_.ti.frequency)));
  spinLock(kTiLock, k_.time_interpolator_lock);
  const bool flags = irqSave();
  writeSeqlock();
  if (isBetter()) {
    store(kGlobals, k_.time_interpolator, 1);
    interpolatorReset();
  }
  writeSequnlock();
  irqRestore(flags);
  store(kTi, k_.ti.next, load(kGlobals, k_.time_interpolator_list));
  store(kGlobals, k_.time_interpolator_list, 1);
  store(kTiLock, k_.time_interpolator_lock, 0);
}

// is_better_time_interpolator: the candidate is the one registered object
bool Cpu::isBetter() {
  if (load(kGlobals, k_.time_interpolator) == 0) return true;
  const uint64_t frequency = load(kTi, k_.ti.frequency);
  if (frequency > 2 * tiLoad(k_.ti.frequency)) return true;
  const uint64_t drift = load(kTi, k_.ti.drift);
  return drift < tiLoad(k_.ti.drift);
}

// kernel/timer.c time_interpolator_reset
void Cpu::interpolatorReset() {
  tiStore(k_.ti.offset, 0);
  deref();
  const uint64_t counter = getCounter(true);
  store(kTi, k_.ti.last_counter, counter);
}

}  // namespace peer

int sc_main(int argc, char *argv[]) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: peer a|b CPUS DURATION_US THINK_US [SEED]\n");
    return 2;
  }
  peer::Config c;
  c.hpet = std::string(argv[1]) == "a";
  c.cpus = std::atoi(argv[2]);
  c.durationFs = std::strtoull(argv[3], nullptr, 10) * 1000000000ull;
  c.thinkMeanFs = std::strtoull(argv[4], nullptr, 10) * 1000000000ull;
  if (argc > 5) c.seed = std::strtoull(argv[5], nullptr, 10);
  if (c.cpus < 1 || c.durationFs == 0 || c.durationFs >= 900000000000000ull) {
    std::fprintf(stderr, "peer: CPUS >= 1 and 0 < DURATION_US < 900000\n");
    return 2;
  }
  sc_core::sc_set_time_resolution(1, sc_core::SC_FS);
  const auto t0 = std::chrono::steady_clock::now();
  peer::Machine m(c);
  sc_core::sc_start(sc_core::sc_time::from_value(c.durationFs));
  const double wallS =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const peer::Totals &t = m.totals;
  std::printf(
      "{\"machine\":\"%s\",\"cpus\":%d,\"simulated_us\":%llu,\"think_us\":%llu,"
      "\"waits\":%llu,\"operations\":%llu,\"interrupts\":%llu,\"reads\":%llu,\"cmpxchg\":%llu,"
      "\"cmpxchg_failed\":%llu,\"transfers\":%llu,\"boot_end_us\":%.3f,\"wall_s\":%.6f,"
      "\"systemc\":\"%s\"}\n",
      argv[1], c.cpus, static_cast<unsigned long long>(c.durationFs / 1000000000ull),
      static_cast<unsigned long long>(c.thinkMeanFs / 1000000000ull),
      static_cast<unsigned long long>(t.waits), static_cast<unsigned long long>(t.ops),
      static_cast<unsigned long long>(t.interrupts), static_cast<unsigned long long>(t.reads),
      static_cast<unsigned long long>(t.cmpxchg),
      static_cast<unsigned long long>(t.cmpxchgFailed),
      static_cast<unsigned long long>(m.mem.transfers()), t.bootEndFs / 1e9, wallS,
      sc_core::sc_release());
  return 0;
}
