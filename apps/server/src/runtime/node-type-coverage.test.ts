import { deskActivities } from '@flowdesk/desk';
import { runsInEngine } from '@flowdesk/engine';
import { type AnyNodeType, LOCALES, type LocalizedText, NODE_TYPES } from '@flowdesk/model';
import { describe, expect, it } from 'vitest';
import { defaultActivities } from './activities/default-activities.ts';
import { simulatedActivities } from './dry-run/simulated-activities.ts';
import { ManualClock, sequentialIds } from './runtime-test-kit.ts';

/*
 * Walks the catalog as the server wires it: each node type must be run by
 * someone (the engine, or the runtime's activity registry, never both), have a
 * dry-run simulation if it is an activity, and speak both languages. The
 * registries are typed by the catalog, so most omissions already fail to
 * compile; this catches what types cannot (a key registered twice, an entry
 * with empty text). Icons are typed by the catalog's icon names and walked by
 * the web app's node-icons test, since the server must not import the web app.
 */

const activities = defaultActivities(
  { allowPrivateNetworks: false },
  deskActivities({ clock: new ManualClock(), ids: sequentialIds() }),
);
const simulations = simulatedActivities([], '2026-12-04');
const catalogTypes = new Set(NODE_TYPES.map((definition) => definition.type));

function untranslated(definition: AnyNodeType): string[] {
  const texts: [string, LocalizedText | undefined][] = [
    ['label', definition.label],
    ['description', definition.description],
    ...Object.entries(definition.fields).flatMap(([field, help]): [string, LocalizedText | undefined][] => [
      [`${field} label`, help.label],
      ...(help.help ? [[`${field} help`, help.help] as [string, LocalizedText]] : []),
    ]),
    ...definition
      .outputPorts(definition.configSchema.parse(definition.example))
      .map((port): [string, LocalizedText] => [`port ${port.id}`, port.label]),
  ];
  return texts.flatMap(([what, text]) =>
    LOCALES.filter((locale) => !text?.[locale]?.trim()).map(
      (locale) => `${definition.type} ${what} (${locale})`,
    ),
  );
}

describe('every catalog node type is complete', () => {
  it('is run by exactly one of the engine and the activity registry (triggers only start a flow)', () => {
    const unhandled = NODE_TYPES.filter(
      (definition) =>
        definition.category !== 'trigger' &&
        runsInEngine(definition.type) === activities.has(definition.type),
    ).map((definition) => definition.type);
    expect(unhandled).toEqual([]);
  });

  it('has a dry-run simulation for every activity, and registers nothing the catalog lacks', () => {
    expect([...activities.keys()].filter((type) => !(type in simulations))).toEqual([]);
    expect(Object.keys(simulations).filter((type) => !activities.has(type))).toEqual([]);
    expect([...activities.keys()].filter((type) => !catalogTypes.has(type))).toEqual([]);
  });

  it('has its label, description, field help and port labels in zh-CN and en', () => {
    expect(NODE_TYPES.flatMap(untranslated)).toEqual([]);
  });
});
