import { openSqliteStore, type Store } from '@flowdesk/store';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../app-deps.ts';
import { StoreRateLimits } from '../../http/store-rate-limits.ts';
import { WIDGET_LIMITS, WidgetRateLimits } from './widget-rate-limit.ts';

describe('WidgetRateLimits', () => {
  const stores: Store[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  async function limits(): Promise<WidgetRateLimits> {
    const store = await openSqliteStore({ path: ':memory:' });
    stores.push(store);
    return new WidgetRateLimits(new StoreRateLimits(store, silentLogger));
  }

  it('refuses the call over the per-minute limit with the seconds left in the window', async () => {
    const widget = await limits();
    const waits: number[] = [];
    for (let i = 0; i <= WIDGET_LIMITS.start; i++) waits.push(await widget.take('start', '203.0.113.7'));
    expect(waits.slice(0, WIDGET_LIMITS.start).every((wait) => wait === 0)).toBe(true);
    expect(waits[WIDGET_LIMITS.start]).toBeGreaterThan(0);
    expect(waits[WIDGET_LIMITS.start]).toBeLessThanOrEqual(60);
  });

  it('counts each kind of call and each client apart', async () => {
    const widget = await limits();
    for (let i = 0; i < WIDGET_LIMITS.start; i++) await widget.take('start', '203.0.113.7');
    expect(await widget.take('start', '203.0.113.7')).toBeGreaterThan(0);
    expect(await widget.take('message', '203.0.113.7')).toBe(0);
    expect(await widget.take('start', '203.0.113.8')).toBe(0);
  });

  it('an IPv6 visitor rotating addresses inside its /64 shares one budget', async () => {
    const widget = await limits();
    const waits: number[] = [];
    for (let i = 1; i <= WIDGET_LIMITS.start + 1; i++) {
      waits.push(await widget.take('start', `2001:db8:aa:bb::${i.toString(16)}`));
    }
    expect(waits.at(-1)).toBeGreaterThan(0);
  });
});
