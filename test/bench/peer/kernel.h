// SPDX-License-Identifier: GPL-2.0-only
// The peer's machine description and the kernel's shared records: the same records (one cache
// line each) and fields as the TypeScript port (interpolator/include/linux/timex.ts,
// interpolator/kernel/timer/timekeeping-state.ts, arch/ia64 local_cpu_data), values as u64.
#ifndef TIMER_EMU_PEER_KERNEL_H
#define TIMER_EMU_PEER_KERNEL_H

#include <cstdint>
#include <vector>

namespace peer {

/** Cycles per operation: emu/engine/costs.ts DEFAULT_COSTS. */
struct Costs {
  static constexpr uint32_t load = 2;
  static constexpr uint32_t store = 1;
  static constexpr uint32_t cmpxchg = 10;
  static constexpr uint32_t cache_line_transfer = 150;
  static constexpr uint32_t rdtsc = 36;
  static constexpr uint32_t set_itm = 36;
  static constexpr uint32_t mmio_issue = 10;
  static constexpr uint32_t cpu_relax = 40;
  static constexpr uint32_t irq_toggle = 5;
  static constexpr uint32_t irq_entry = 500;
  static constexpr uint32_t irq_exit = 300;
  static constexpr uint32_t syscall = 400;
};

/** The records, one cache line each; `kCpuData + cpu` is that CPU's local_cpu_data. */
enum Line : int {
  kGlobals,       // time_interpolator, time_interpolator_list
  kTi,            // the registered struct time_interpolator
  kXtimeLock,     // seqlock: sequence, lock
  kXtime,         // tv_sec, tv_nsec
  kWallToMono,    // tv_sec, tv_nsec
  kJiffies,       // jiffies
  kWall,          // wall_jiffies, timekeeping_suspended
  kClock,         // the jiffies clocksource
  kNtp,           // NTP variables
  kTick,          // tick_nsec
  kTiLock,        // time_interpolator_lock
  kIa64Globals,   // time_keeper_id
  kCpuData,
};

constexpr uint64_t kTimeSourceCpu = 0;
constexpr uint64_t kTimeSourceMmio64 = 1;
constexpr uint64_t kNsecPerSec = 1000000000ull;
constexpr uint64_t kStaUnsync = 0x40;
constexpr uint64_t kNtpPhaseLimit = (512000ull / 16) << 5;

struct TimeInterpolator {
  uint64_t source = 0, shift = 0, jitter = 0, nsec_per_cyc = 0, addr = 0, mask = 0;
  uint64_t offset = 0, last_counter = 0, last_cycle = 0, frequency = 0, drift = 0;
  uint64_t skips = 0, ns_skipped = 0, next = 0;
};

struct CpuData {
  uint64_t itm_delta = 0, itm_next = 0;
};

/** HZ = 250 (the scenario default): TICK_NSEC = NSEC_PER_JIFFY = 4 000 000 ns. */
struct Kernel {
  uint64_t hz = 250;
  // globals: 0 = NULL, 1 = &ti
  uint64_t time_interpolator = 0, time_interpolator_list = 0;
  TimeInterpolator ti;
  uint64_t sequence = 0, xtime_lock = 0;
  uint64_t xtime_sec = 0, xtime_nsec = 0;
  uint64_t wtm_sec = 0, wtm_nsec = 0;
  uint64_t jiffies = 0, wall_jiffies = 0, timekeeping_suspended = 0;
  // clocksource_jiffies
  uint64_t mult = 0, cs_shift = 8, cycle_last = 0, cycle_interval = 0, cs_xtime_nsec = 0;
  uint64_t xtime_interval = 0, error = 0;
  // NTP
  uint64_t tickadj = 2, time_status = kStaUnsync, time_maxerror = kNtpPhaseLimit;
  uint64_t time_esterror = kNtpPhaseLimit, time_adj = 0, time_adjust = 0, time_next_adjust = 0;
  uint64_t tick_nsec = 4000000;
  uint64_t time_interpolator_lock = 0;
  uint64_t time_keeper_id = 0;
  std::vector<CpuData> cpu;
};

}  // namespace peer

#endif
