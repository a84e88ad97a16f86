// SPDX-License-Identifier: GPL-2.0-only
// The coherence cost model of emu/engine/memory.ts, one cache line per record: a line holds a
// write epoch and, per CPU, the epoch of that CPU's copy (valid iff equal to the line's epoch).
// A store or cmpxchg takes the line exclusive (the epoch advances, the writer holds the only
// valid copy); a load without a valid copy takes a shared copy. Either pays a cache-line transfer
// iff another CPU wrote the line and the accessing CPU's copy is not valid. A line nobody has
// written comes from memory at the plain cost.
#ifndef TIMER_EMU_PEER_MEMORY_H
#define TIMER_EMU_PEER_MEMORY_H

#include <cstdint>
#include <vector>

namespace peer {

class Memory {
 public:
  Memory(int lines, int cpus)
      : cpus_(cpus), epoch_(lines, 1), writer_(lines, -1),
        copies_(static_cast<size_t>(lines) * cpus, 0) {}

  /** A load by `cpu`: true iff it pays a cache-line transfer. */
  bool load(int cpu, int line) {
    int32_t &copy = copies_[index(line, cpu)];
    if (copy == epoch_[line]) return false;
    copy = epoch_[line];
    const int w = writer_[line];
    if (w >= 0 && w != cpu) {
      ++transfers_;
      return true;
    }
    return false;
  }

  /** A store or cmpxchg by `cpu` (always requests ownership): true iff it pays a transfer. */
  bool own(int cpu, int line) {
    int32_t &copy = copies_[index(line, cpu)];
    const int w = writer_[line];
    const bool transfer = copy != epoch_[line] && w >= 0 && w != cpu;
    if (transfer) ++transfers_;
    if (++epoch_[line] == 0x7fffffff) {
      for (int c = 0; c < cpus_; ++c) copies_[index(line, c)] = 0;
      epoch_[line] = 1;
    }
    writer_[line] = cpu;
    copies_[index(line, cpu)] = epoch_[line];
    return transfer;
  }

  uint64_t transfers() const { return transfers_; }

 private:
  size_t index(int line, int cpu) const { return static_cast<size_t>(line) * cpus_ + cpu; }

  int cpus_;
  std::vector<int32_t> epoch_;
  std::vector<int> writer_;
  std::vector<int32_t> copies_;
  uint64_t transfers_ = 0;
};

}  // namespace peer

#endif
