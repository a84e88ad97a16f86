#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A Slurm job array: task K of N runs shard K/N of the runs and writes its --json document to
# RESULTS_DIR. Submit, then merge when every task has finished (docs/scale-out.md):
#   jobid=$(sbatch --parsable deploy/slurm/timer-emu-array.sh)
#   sbatch --dependency=afterany:$jobid --wrap 'timer-emu merge results/shard-*.json > merged.json'
#SBATCH --job-name=timer-emu
#SBATCH --array=1-8
#SBATCH --cpus-per-task=2
#SBATCH --mem=1G
#SBATCH --output=timer-emu-%A_%a.log
set -u
: "${SCENARIOS:=hpet-basic itc-jitter-smp late-ticks}"
: "${SEEDS:=64}"
: "${RESULTS_DIR:=results}"
: "${TIMER_EMU_OPTIONS:=}"
k=$SLURM_ARRAY_TASK_ID
n=$SLURM_ARRAY_TASK_COUNT
mkdir -p "$RESULTS_DIR"
out="$RESULTS_DIR/shard-$k.json"
# exit 1 means an expectation failed: a result, not a failed task
# shellcheck disable=SC2086 # SCENARIOS and TIMER_EMU_OPTIONS are lists of words
timer-emu run $SCENARIOS --seeds "$SEEDS" --jobs "${SLURM_CPUS_PER_TASK:-1}" --shard "$k/$n" \
  --json --quiet $TIMER_EMU_OPTIONS > "$out.tmp"
code=$?
[ "$code" -le 1 ] && mv "$out.tmp" "$out" && exit 0
exit "$code"
