import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
});
afterEach(async () => {
  await bed.close();
});

describe('teams router (Settings)', () => {
  it('audits agent creation and changes by field name', async () => {
    const admin = bed.callerAs(bed.users.admin);
    await admin.teams.save({ id: 'tech', name: { 'zh-CN': '技术支持', en: 'Technical support' } });
    await admin.teams.createAgent({ id: 'agent-zhao', name: '赵强', teams: ['tech'], capacity: 3 });
    await admin.teams.updateAgent({ id: 'agent-zhao', online: true, capacity: 5 });
    await expect(admin.teams.updateAgent({ id: 'agent-nobody', online: true })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const entries = (await admin.audit.list()).items.filter((entry) => entry.action.startsWith('agent.'));
    expect(entries.map((entry) => [entry.action, entry.target, entry.actor.id, entry.details])).toEqual([
      ['agent.update', 'agent:agent-zhao', 'user-admin', { fields: ['capacity', 'online'] }],
      [
        'agent.create',
        'agent:agent-zhao',
        'user-admin',
        { name: '赵强', teams: ['tech'], capacity: 3, userId: null },
      ],
    ]);
  });

  it('lets admins set up teams, agents and SLA policies that everyone can read', async () => {
    const admin = bed.callerAs(bed.users.admin).teams;
    await admin.save({
      id: 'tech',
      name: { 'zh-CN': '技术支持', en: 'Technical support' },
      skills: ['network'],
    });
    await admin.createAgent({ id: 'agent-zhao', name: '赵强', teams: ['tech'], capacity: 3 });
    expect(await admin.updateAgent({ id: 'agent-zhao', online: true, skills: ['network'] })).toMatchObject({
      online: true,
      skills: ['network'],
      capacity: 3,
    });
    await admin.saveSlaPolicy({
      id: 'urgent',
      name: 'Urgent',
      match: { priorities: ['urgent'] },
      firstResponseMinutes: 120,
      resolutionMinutes: 480,
    });

    const viewer = bed.callerAs(bed.users.viewer).teams;
    expect(await viewer.list()).toEqual([
      {
        id: 'tech',
        workspaceId: 'default',
        name: { 'zh-CN': '技术支持', en: 'Technical support' },
        skills: ['network'],
        calendar: null,
        supervisorQueue: null,
      },
    ]);
    expect((await viewer.listAgents({ team: 'tech' })).map((agent) => agent.name)).toEqual(['赵强']);
    expect(await viewer.listSlaPolicies()).toMatchObject([{ id: 'urgent', warnAtShare: 0.8, order: 100 }]);
  });

  it('refuses changes from other roles, unknown agents and bad values', async () => {
    await expect(
      bed.callerAs(bed.users.agent).teams.save({ id: 'x', name: { 'zh-CN': 'x', en: 'x' } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const admin = bed.callerAs(bed.users.admin).teams;
    await expect(admin.updateAgent({ id: 'ghost', online: true })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      admin.saveSlaPolicy({ id: 'p', name: 'P', firstResponseMinutes: 0, resolutionMinutes: 10 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', cause: { issues: [{ path: ['firstResponseMinutes'] }] } });
  });
});
