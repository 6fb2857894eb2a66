import { describe, expect, it } from 'vitest';
import { intlLocalParts, localParts, localToInstant } from './zoned-time.ts';

/**
 * localParts caches offsets per 15-minute slot (zoned-time.ts); every reading
 * must stay what Intl says, across daylight-saving changes (whole hours, the
 * half hour of Lord Howe) and in zones without them.
 */

const ZONES = [
  'Asia/Shanghai',
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/Sao_Paulo',
  'UTC',
];

// Transitions of 2026: New York 8 Mar 07:00Z and 1 Nov 06:00Z; London 29 Mar 01:00Z and 25 Oct 01:00Z;
// Lord Howe 4 Apr 15:00Z (02:00 → 01:30) and 3 Oct 15:30Z (02:00 → 02:30).
const TRANSITIONS = [
  Date.parse('2026-03-08T07:00:00Z'),
  Date.parse('2026-11-01T06:00:00Z'),
  Date.parse('2026-03-29T01:00:00Z'),
  Date.parse('2026-10-25T01:00:00Z'),
  Date.parse('2026-04-04T15:00:00Z'),
  Date.parse('2026-10-03T15:30:00Z'),
];

function rng(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('localParts', () => {
  it('reads what Intl reads around every change of offset, to the millisecond', () => {
    const offsets = [
      -900_001, -900_000, -60_000, -1001, -1000, -1, 0, 1, 999, 1000, 60_000, 899_999, 900_000,
    ];
    for (const zone of ZONES) {
      for (const at of TRANSITIONS) {
        for (const delta of offsets) {
          expect(localParts(at + delta, zone), `${zone} ${new Date(at + delta).toISOString()}`).toEqual(
            intlLocalParts(at + delta, zone),
          );
        }
      }
    }
  });

  it('reads what Intl reads at random instants over a decade, slots cached or not', () => {
    const random = rng(7);
    const from = Date.parse('2020-01-01T00:00:00Z');
    for (const zone of ZONES) {
      for (let n = 0; n < 3000; n += 1) {
        const at = from + Math.floor(random() * 10 * 365 * 86_400_000);
        expect(localParts(at, zone)).toEqual(intlLocalParts(at, zone));
        // The same slot again, from the cache.
        expect(localParts(at + 1, zone)).toEqual(intlLocalParts(at + 1, zone));
      }
    }
  });

  it('turns local times back into instants across the changes', () => {
    // 02:30 on the spring-forward night in New York never happens: 03:30 EDT, as Temporal's compatible rule.
    expect(
      new Date(
        localToInstant({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York'),
      ).toISOString(),
    ).toBe('2026-03-08T07:30:00.000Z');
    // 01:30 on the fall-back night happens twice: the earlier (EDT).
    expect(
      new Date(
        localToInstant({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York'),
      ).toISOString(),
    ).toBe('2026-11-01T05:30:00.000Z');
    expect(
      new Date(
        localToInstant({ year: 2026, month: 12, day: 6, hour: 0, minute: 0 }, 'Asia/Shanghai'),
      ).toISOString(),
    ).toBe('2026-12-05T16:00:00.000Z');
  });
});
