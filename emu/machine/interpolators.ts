// SPDX-License-Identifier: GPL-2.0-only
/**
 * The interpolator objects of a run, one per registering device (the ITC driver's single static
 * object is shared by every CPU, as on ia64), and the kernel code that registers each through its
 * driver with the parameters the kernel used (drivers/char/hpet.c hpet_alloc, arch/ia64/kernel/time.c
 * ia64_init_itm, arch/ia64/kernel/cyclone.c, arch/ia64/sn/kernel/sn2/timer.c sn_timer_init,
 * arch/sparc64/kernel/time.c time_init; docs/interpolator.md).
 */
import type { BusAccess } from '../../devices/device.js';
import { GCAP_ID, GCAP_PERIOD_SHIFT } from '../../devices/hpet/hpet.registers.js';
import { cycloneInterpolator } from '../../interpolator/arch/ia64/kernel/cyclone.js';
import {
  type ItcFirmware,
  ia64_init_itm_interpolator,
  itcFirmwareValues,
  itcInterpolator,
} from '../../interpolator/arch/ia64/kernel/time/itc-interpolator.js';
import { sn2Interpolator } from '../../interpolator/arch/ia64/sn/kernel/sn2/timer.js';
import { sparc64Interpolator } from '../../interpolator/arch/sparc64/kernel/time.js';
import {
  type CustomInterpolatorParams,
  customInterpolator,
} from '../../interpolator/Documentation/time_interpolators.js';
import { hpetInterpolator } from '../../interpolator/drivers/char/hpet.js';
import type { TimeInterpolator } from '../../interpolator/include/linux/timex.js';
import { register_time_interpolator } from '../../interpolator/kernel/timer/interpolator.js';
import type { TimekeepingKernel } from '../../interpolator/kernel/timer/timekeeping-state.js';
import type { KernelCode } from '../../interpolator/ops.js';
import { gcd } from '../base/rational.js';
import type { TimeFs } from '../base/time.js';
import type { Bus } from '../engine/bus.js';
import type { InterpolatorConfig, ItcFirmwareConfig, Scenario } from '../scenario/types.js';
import { type BuiltDevice, counterAddress, deviceHz, type MachineDevices } from './devices.js';

/**
 * The SAL/PAL answers `ia64_init_itm` gets: the scenario's firmware data, the base defaulting to
 * the ITC's own frequency and the ratio to ITC / base reduced (so `itc_freq` is the ITC's nominal
 * rate unless the firmware says otherwise).
 */
function firmwareOf(f: ItcFirmwareConfig, itcHz: bigint): ItcFirmware {
  const baseHz = f.baseHz ?? itcHz;
  const g = gcd(itcHz, baseHz);
  const itcRatio =
    f.itcRatio ?? (g === 0n ? { num: 1n, den: 1n } : { num: itcHz / g, den: baseHz / g });
  return { platformBase: { freqHz: baseHz, driftPpm: f.baseDriftPpm }, itcRatio };
}

/** Where TIME_SOURCE_FUNCTION sources live: a made-up kernel text address per device. */
const FUNCTION_BASE = 0xa000_0001_0000_0000n;

export type SourceFn = (cpu: number, nowFs: TimeFs) => BusAccess;

export interface Registrant {
  readonly config: InterpolatorConfig;
  readonly ti: TimeInterpolator;
  /** the registration as the driver does it, run on `cpu` */
  register(k: TimekeepingKernel, cpu: number): KernelCode<void>;
}

export class Interpolators {
  /** device name → its interpolator */
  readonly byDevice = new Map<string, TimeInterpolator>();
  /** every interpolator object (for recognising them in the operation stream) */
  readonly all = new Set<TimeInterpolator>();
  /** TIME_SOURCE_FUNCTION registry */
  readonly sources = new Map<bigint, SourceFn>();
  private itc: TimeInterpolator | undefined;

  constructor(
    private readonly scenario: Scenario,
    private readonly devices: MachineDevices,
    private readonly bus: Bus,
  ) {}

  /** The static ITC object (created on first use). */
  itcObject(): TimeInterpolator {
    if (this.itc === undefined) {
      this.itc = itcInterpolator();
      this.all.add(this.itc);
    }
    return this.itc;
  }

  /** The device whose interpolator `ti` is, or null. */
  deviceOf(ti: TimeInterpolator | null): string | null {
    if (ti === null) return null;
    for (const [name, t] of this.byDevice) if (t === ti) return name;
    return null;
  }

  registrant(config: InterpolatorConfig): Registrant {
    const d = this.device(config.device);
    const existing = this.byDevice.get(config.device);
    const ti = existing ?? this.create(config, d);
    this.byDevice.set(config.device, ti);
    this.all.add(ti);
    const smp = this.scenario.machine.cpus > 1;
    return {
      config,
      ti,
      register: (k, _cpu) =>
        config.driver === 'itc'
          ? ia64_init_itm_interpolator(k, ti, {
              ...itcFirmwareValues(firmwareOf(config.firmware, deviceHz(d))),
              smp,
              nojitter: config.nojitter,
              itcDriftFeature: config.firmware.itcDriftFeature,
            })
          : register_time_interpolator(k, ti),
    };
  }

  private device(name: string): BuiltDevice {
    const d = this.devices.byName.get(name);
    if (d === undefined) throw new Error(`interpolator: no device ${name}`);
    return d;
  }

  private create(config: InterpolatorConfig, d: BuiltDevice): TimeInterpolator {
    const revision = this.scenario.kernel.revision;
    switch (config.driver) {
      case 'itc':
        return this.itcObject();
      case 'hpet': {
        if (d.kind !== 'hpet') throw new Error(`hpet driver on ${d.config.type} ${d.config.name}`);
        const first = this.devices.byName.get(
          this.scenario.devices.find((c) => c.type === 'hpet')?.name ?? d.config.name,
        );
        return hpetInterpolator({
          counterAddr: counterAddress(d),
          periodFs: this.gcapPeriodFs(d),
          revision,
          ...(first === undefined ? {} : { firstPeriodFs: this.gcapPeriodFs(first) }),
        });
      }
      case 'cyclone':
        return cycloneInterpolator({ counterAddr: counterAddress(d) });
      case 'sn2-rtc':
        return sn2Interpolator({ rtcAddr: counterAddress(d), salRtcHz: deviceHz(d) });
      case 'sparc64-tick':
        return sparc64Interpolator({ clockHz: deviceHz(d) });
      case 'custom': {
        let addr = counterAddress(d);
        if (config.source === 'function') {
          addr = FUNCTION_BASE + BigInt(this.sources.size) * 0x40n;
          this.sources.set(addr, this.sourceFunction(d));
        }
        const p: CustomInterpolatorParams = {
          source: config.source,
          shift: BigInt(config.shift),
          jitter: BigInt(config.jitter),
          mask: config.mask,
          frequency: config.frequencyHz ?? deviceHz(d),
          drift: config.drift,
          addr,
        };
        return customInterpolator(p);
      }
    }
  }

  /**
   * COUNTER_CLK_PERIOD as the driver learns it: GCAP_ID bits 63:32 read through the bus
   * (drivers/char/hpet.c, hpet_alloc: `(cap & HPET_COUNTER_CLK_PERIOD_MASK) >> 32`), so a device
   * that reports its period in ps (the `period-in-ps` quirk) misleads the kernel as it would. The
   * read is an effect-free peek: device discovery is not part of the timed run.
   */
  private gcapPeriodFs(d: BuiltDevice): bigint {
    const base = d.port.mmio?.base;
    if (base === undefined) throw new Error(`hpet driver: ${d.config.name} has no register window`);
    return this.bus.peek(base + GCAP_ID, 64, 0n) >> GCAP_PERIOD_SHIFT;
  }

  /** A TIME_SOURCE_FUNCTION that reads the device as the kernel's function would. */
  private sourceFunction(d: BuiltDevice): SourceFn {
    if (d.kind === 'cycle-counter') return (cpu, nowFs) => d.device.readCycles(cpu, nowFs);
    const addr = counterAddress(d);
    const width = d.port.counterWidth;
    return (cpu, nowFs) => this.bus.read(addr, width, nowFs, cpu);
  }
}
