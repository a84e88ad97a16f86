// SPDX-License-Identifier: GPL-2.0-only
/**
 * The standard machines of the benchmarks, as scenario texts: A, 4 CPUs reading a 14.318 MHz HPET;
 * B, 512 CPUs on their ITCs with jitter compensation; C, one CPU at HZ = 100 reading sparsely.
 * `interval` is a scenario interval (`0` is back to back), `duration` a scenario duration.
 */

export const machineA = (duration: string, interval = '0'): string => `
name: bench-hpet-4cpu
duration: ${duration}
machine: { cpus: 4 }
devices:
  - { type: hpet, name: hpet0, clock: { drift_ppm: 40 } }
  - { type: itc, name: itc, frequency: 1.5GHz }
interpolators:
  - { driver: hpet, device: hpet0 }
workload:
  - { cpus: all, call: getnstimeofday, interval: ${interval} }
`;

export const machineB = (interval: string, duration: string): string => `
name: bench-itc-512cpu
duration: ${duration}
machine: { cpus: 512 }
devices:
  - { type: itc, name: itc, frequency: 1.5GHz }
interpolators:
  - { driver: itc, device: itc }
workload:
  - { cpus: all, call: clock_gettime_realtime, interval: ${interval} }
`;

export const machineC = (duration: string): string => `
name: bench-hz100-sparse
duration: ${duration}
kernel: { hz: 100 }
machine: { cpus: 1 }
devices:
  - { type: itc, name: itc, frequency: 1.5GHz }
interpolators:
  - { driver: itc, device: itc }
workload:
  - { cpus: all, call: getnstimeofday, interval: { exponential: 1s } }
`;

/**
 * N CPUs reading a 14.318 MHz HPET with exponential think times (hpet-basic at N CPUs): the scale
 * machine of issue 16 item 6, whose cost per operation should not grow with N.
 */
export const machineCpus = (cpus: number, duration: string): string => `
name: bench-hpet-${cpus}cpu
duration: ${duration}
machine: { cpus: ${cpus} }
devices:
  - { type: hpet, name: hpet0, clock: { drift_ppm: 40 } }
  - { type: itc, name: itc, frequency: 1.5GHz }
interpolators:
  - { driver: hpet, device: hpet0 }
workload:
  - { cpus: all, call: getnstimeofday, interval: { exponential: 20us } }
`;
