import { describe, expect, it } from 'vitest';
import type { Agent } from '../port/team.types.ts';
import { at, type ContractContext } from './contract-context.ts';

function agent(id: string, extra: Partial<Agent> = {}): Agent {
  return {
    id,
    workspaceId: 'ws-1',
    userId: null,
    name: `Agent ${id}`,
    teams: ['after_sales'],
    skills: [],
    capacity: 2,
    online: true,
    activeCount: 0,
    lastAssignedAt: null,
    ...extra,
  };
}

export function describeTeamContract(ctx: ContractContext): void {
  describe('teams, agents and sla policies', () => {
    it('stores teams with their calendar and replaces them on put', async () => {
      const store = ctx.store();
      const calendar = {
        timezone: 'Asia/Shanghai',
        weekly: [{ days: ['mon' as const], from: '09:00', to: '18:00' }],
        holidays: ['2026-10-01'],
        workdays: ['2026-09-27'],
      };
      const team = {
        id: 'after_sales',
        workspaceId: 'ws-1',
        name: { 'zh-CN': '售后', en: 'After-sales' },
        skills: ['refunds'],
        calendar,
        supervisorQueue: 'supervisors',
      };
      await store.teams.put(team);
      expect(await store.teams.get('after_sales')).toEqual(team);
      await store.teams.put({ ...team, calendar: null });
      expect((await store.teams.list('ws-1')).map((entry) => entry.calendar)).toEqual([null]);
    });

    it('lists agents by team and online status', async () => {
      const store = ctx.store();
      await store.agents.create(agent('a1'));
      await store.agents.create(agent('a2', { online: false }));
      await store.agents.create(agent('a3', { teams: ['tech'] }));
      expect((await store.agents.list({ team: 'after_sales' })).map((entry) => entry.id)).toEqual([
        'a1',
        'a2',
      ]);
      expect((await store.agents.list({ online: true })).map((entry) => entry.id)).toEqual(['a1', 'a3']);
      expect((await store.agents.list({ online: false })).map((entry) => entry.id)).toEqual(['a2']);
      expect(await store.agents.update('a2', { online: true, skills: ['english'] })).toMatchObject({
        online: true,
        skills: ['english'],
      });
    });

    it('claims capacity atomically, never beyond it, across connections', async () => {
      const store = ctx.store();
      const peer = await ctx.peer();
      await store.agents.create(agent('a1', { capacity: 3 }));
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          (index % 2 === 0 ? store : peer).agents.claimCapacity('a1', at(index)),
        ),
      );
      expect(claims.filter((claim) => claim !== null)).toHaveLength(3);
      expect((await store.agents.get('a1'))?.activeCount).toBe(3);
      expect(await store.agents.claimCapacity('a1', at(10), { ignoreLimit: true })).toMatchObject({
        activeCount: 4,
        lastAssignedAt: at(10),
      });
      for (let index = 0; index < 5; index += 1) await store.agents.releaseCapacity('a1');
      expect((await store.agents.get('a1'))?.activeCount).toBe(0);
      await store.agents.update('a1', { online: false });
      expect(await store.agents.claimCapacity('a1', at(20))).toBeNull();
    });

    it('orders sla policies by their order', async () => {
      const store = ctx.store();
      const base = {
        workspaceId: 'ws-1',
        firstResponseMinutes: 60,
        resolutionMinutes: 480,
        warnAtShare: 0.8,
        calendar: null,
      };
      await store.slaPolicies.put({ ...base, id: 'normal', name: 'Normal', match: {}, order: 10 });
      await store.slaPolicies.put({
        ...base,
        id: 'urgent',
        name: 'Urgent',
        match: { priorities: ['urgent'], minVipLevel: 1 },
        order: 1,
      });
      const list = await store.slaPolicies.list('ws-1');
      expect(list.map((policy) => policy.id)).toEqual(['urgent', 'normal']);
      expect(list[0]?.match).toEqual({ priorities: ['urgent'], minVipLevel: 1 });
      expect(await store.slaPolicies.delete('urgent')).toBe(true);
      expect(await store.slaPolicies.get('urgent')).toBeNull();
    });

    it('keeps an sla policy’s own calendar with its make-up workdays, and clears it on put', async () => {
      const store = ctx.store();
      const calendar = {
        timezone: 'Asia/Shanghai',
        weekly: [{ days: ['mon' as const, 'fri' as const], from: '09:00', to: '18:00' }],
        holidays: ['2026-10-01'],
        workdays: ['2026-09-27', '2026-10-10'],
      };
      const policy = {
        id: 'vip',
        workspaceId: 'ws-1',
        name: 'VIP',
        match: { minVipLevel: 2 },
        firstResponseMinutes: 30,
        resolutionMinutes: 240,
        warnAtShare: 0.75,
        order: 5,
        calendar,
      };
      expect(await store.slaPolicies.put(policy)).toEqual(policy);
      expect(await store.slaPolicies.get('vip')).toEqual(policy);
      await store.slaPolicies.put({ ...policy, calendar: null });
      expect((await store.slaPolicies.list('ws-1')).map((entry) => entry.calendar)).toEqual([null]);
    });
  });
}
