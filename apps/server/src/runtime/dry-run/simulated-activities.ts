import { DESK_ACTIVITY_MODULES, type SimulatedEffectKind, type SimulationContext } from '@flowdesk/desk';
import {
  type ActivityCommand,
  type ActivityResult,
  type SimulatedActivity,
  TemplateRenderError,
  templateFailure,
} from '@flowdesk/engine';
import type { JsonObject } from '@flowdesk/store';
import { SERVER_ACTIVITY_MODULES } from '../activities/default-activities.ts';

/**
 * Each activity module's own simulation stands in for it in a dry run
 * (`flowdesk run`, the editor's test run): what the real activity would
 * produce from the data at hand — a ticket number, a rendered message — with
 * nothing stored or sent. This file only wires them to the engine's loop.
 */
export interface SimulatedEffect {
  readonly nodeId: string;
  readonly kind: SimulatedEffectKind;
  /** What would be sent, rendered exactly as its reader would get it. */
  readonly summary: string;
  /** Fields the text names that the sample lacks; present only when some are. */
  readonly missing?: readonly string[];
}

/** Any module's simulation, called with the command of its own node type (the registry key). */
interface Simulation {
  readonly type: string;
  simulate(command: ActivityCommand, simulation: SimulationContext): ActivityResult;
}

const SIMULATIONS: readonly Simulation[] = [
  ...Object.values(DESK_ACTIVITY_MODULES),
  ...Object.values(SERVER_ACTIVITY_MODULES),
];

/**
 * A template that is broken or runs into a Liquid limit fails its step, as in
 * a real run, instead of failing the whole dry run.
 */
function failingOnTemplates(activity: SimulatedActivity): SimulatedActivity {
  return (command, ...rest) => {
    try {
      return activity(command, ...rest);
    } catch (error) {
      if (!(error instanceof TemplateRenderError)) throw error;
      return { ok: false, error: { ...templateFailure(error), retryable: false } };
    }
  };
}

export function simulatedActivities(
  effects: SimulatedEffect[],
  today: string,
  customer?: JsonObject,
): Readonly<Record<string, SimulatedActivity>> {
  return Object.fromEntries(
    SIMULATIONS.map(({ type, simulate }) => {
      const activity: SimulatedActivity = (command) =>
        simulate(command, {
          today,
          ...(customer ? { customer } : {}),
          note: (kind, summary, missing = []) =>
            effects.push({
              nodeId: command.nodeId,
              kind,
              summary,
              ...(missing.length > 0 ? { missing: [...missing] } : {}),
            }),
        });
      return [type, failingOnTemplates(activity)];
    }),
  );
}
