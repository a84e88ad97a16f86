// SPDX-License-Identifier: GPL-2.0-only
/** The `events` list: each has `at` and exactly one action (docs/scenario.md, "events"). */
import { z } from 'zod';
import {
  durationFs,
  i64,
  int,
  obj,
  positiveDurationFs,
  ppm,
  signedDurationFs,
  unionError,
  wallTimeNs,
} from '../base/values.js';
import { MAX_CPUS } from './sections.js';
import type { EventAction, InterpolatorConfig, ScenarioEvent } from './types.js';

const cpu = int(0, MAX_CPUS - 1);
const deviceName = z.string();

const adjtimeNs = z
  .union([z.number().int(), signedDurationFs], {
    error: unionError('a signed duration such as "-5ms" or a whole number of ns'),
  })
  .transform((v, ctx): bigint => {
    if (typeof v === 'number') {
      if (Number.isSafeInteger(v)) return BigInt(v);
      ctx.issues.push({
        code: 'custom',
        message: 'write large values as a duration string',
        input: v,
      });
      return 0n;
    }
    if (v % 1_000_000n !== 0n) {
      ctx.issues.push({
        code: 'custom',
        message: 'must be a whole number of nanoseconds',
        input: v,
      });
    }
    return v / 1_000_000n;
  });

const actionsWith = (interpolatorEntry: z.ZodType<InterpolatorConfig>) => ({
  settimeofday: wallTimeNs.optional().describe('set the wall clock (do_settimeofday)'),
  adjtime: adjtimeNs.optional().describe('slew the clock by this many ns'),
  leap: z
    .enum(['insert', 'delete'])
    .optional()
    .describe('a leap second at the next second boundary'),
  irq_off: obj({ cpu, for: positiveDurationFs }).optional().describe('interrupts off on one CPU'),
  jump: obj({ device: deviceName, cpu: cpu.optional(), by_cycles: i64 })
    .optional()
    .describe('step a counter (cpu: one CPU of an itc/tsc device)'),
  write_counter: obj({ device: deviceName, cpu, value: i64 })
    .optional()
    .describe("write one CPU's itc/tsc (WRMSR IA32_TSC; TSC_ADJUST moves by the same delta)"),
  write_tsc_adjust: obj({ device: deviceName, cpu, value: i64 })
    .optional()
    .describe("write one CPU's IA32_TSC_ADJUST (signed)"),
  halt: obj({ device: deviceName, cpu })
    .optional()
    .describe('the CPU halts: a stops-when-halted itc/tsc freezes'),
  resume: obj({ device: deviceName, cpu })
    .optional()
    .describe('the CPU resumes: a frozen itc/tsc counts again'),
  register: interpolatorEntry.optional().describe('register an interpolator'),
  unregister: deviceName.optional().describe('unregister the interpolator of this device'),
  set_drift: obj({ device: deviceName, cpu: cpu.optional(), ppm })
    .optional()
    .describe("change a clock's constant drift"),
});
type Actions = ReturnType<typeof actionsWith>;
type ActionName = keyof Actions;

/** One event; a `register` event's body is an `interpolatorEntry`. */
export const eventOf = (interpolatorEntry: z.ZodType<InterpolatorConfig>) => {
  const actions = actionsWith(interpolatorEntry);
  const names = Object.keys(actions) as ActionName[];
  return obj({
    at: durationFs.describe('when the event happens'),
    ...actions,
  }).transform((e, ctx): ScenarioEvent => checkedEvent(e, names, ctx));
};

function checkedEvent(e: Parsed, names: ActionName[], ctx: z.RefinementCtx): ScenarioEvent {
  const given = names.filter((name) => e[name] !== undefined);
  if (given.length !== 1) {
    ctx.issues.push({
      code: 'custom',
      input: e,
      path: given.length > 1 ? [given[1]!] : [],
      message:
        given.length === 0
          ? `an event needs one action: ${names.join(', ')}`
          : `an event has exactly one action, found ${given.length}: ${given.join(', ')}`,
    });
    return z.NEVER;
  }
  return { atFs: e.at, action: toAction(e) };
}

type Parsed = z.output<ReturnType<typeof obj<Actions>>> & { at: bigint };

/** The counter operation an event gives, if any. */
function counterAction(e: Parsed): EventAction | undefined {
  const ops = [
    ['write', e.write_counter],
    ['write_adjust', e.write_tsc_adjust],
    ['halt', e.halt],
    ['resume', e.resume],
  ] as const;
  for (const [op, body] of ops) {
    if (body === undefined) continue;
    const value = 'value' in body ? body.value : 0n;
    return { kind: 'counter', op, device: body.device, cpu: body.cpu, value };
  }
  return undefined;
}

function toAction(e: Parsed): EventAction {
  const counter = counterAction(e);
  if (counter !== undefined) return counter;
  if (e.settimeofday !== undefined) return { kind: 'settimeofday', wallTimeNs: e.settimeofday };
  if (e.adjtime !== undefined) return { kind: 'adjtime', deltaNs: e.adjtime };
  if (e.leap !== undefined) return { kind: 'leap', direction: e.leap };
  if (e.irq_off !== undefined) return { kind: 'irq_off', cpu: e.irq_off.cpu, forFs: e.irq_off.for };
  if (e.jump !== undefined) {
    const { device, cpu, by_cycles } = e.jump;
    return { kind: 'jump', device, byCycles: by_cycles, ...(cpu === undefined ? {} : { cpu }) };
  }
  if (e.register !== undefined) return { kind: 'register', interpolator: e.register };
  if (e.unregister !== undefined) return { kind: 'unregister', device: e.unregister };
  const { device, cpu, ppm: drift } = e.set_drift!;
  return { kind: 'set_drift', device, ppm: drift, ...(cpu === undefined ? {} : { cpu }) };
}
