import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';

describe('templates router', () => {
  let bed: TestBed;
  beforeEach(async () => {
    bed = await createTestBed();
  });
  afterEach(async () => {
    await bed.close();
  });

  it('lists the templates with their flows in both languages', async () => {
    const list = await bed.callerAs(bed.users.editor).templates.list();
    const retail = list.find((template) => template.id === 'retail');
    expect(retail?.name).toEqual({ 'zh-CN': '零售 / 电商客服', en: 'Retail / e-commerce' });
    expect(retail?.flows.map((flow) => flow.key)).toContain('intake');
    expect(list.map((template) => template.id)).toContain('manufacturing');
  });

  it('shows one template with the reference data it installs', async () => {
    const manufacturing = await bed.callerAs(bed.users.admin).templates.get({ id: 'manufacturing' });
    expect(manufacturing.teams.map((team) => team.id)).toContain('field_east');
    expect(manufacturing.businessHours.weekly[0]?.from).toBe('08:30');
  });

  it('applies a template, and a second time reports it as already applied', async () => {
    const caller = bed.callerAs(bed.users.editor);
    const first = await caller.templates.install({ id: 'retail', publish: true });
    expect(first).toMatchObject({ ok: true, alreadyApplied: false, published: 7 });
    const again = await caller.templates.install({ id: 'retail' });
    expect(again).toMatchObject({ ok: true, alreadyApplied: true });
    expect((await bed.store.flows.get('tpl-retail-intake'))?.createdBy).toBe('user-editor');
  });

  it("offers a template's sample requests for the flows it installed, and none for others", async () => {
    const caller = bed.callerAs(bed.users.editor);
    const samples = await caller.templates.samplesForFlow({ flowId: 'tpl-retail-intake' });
    expect(samples.length).toBeGreaterThan(3);
    expect(samples[0]).toMatchObject({ id: expect.stringMatching(/^retail\/samples\//) });
    expect(samples.every((sample) => sample.request.message.length > 0)).toBe(true);
    expect(samples.some((sample) => /[\u4e00-\u9fff]/.test(sample.request.message))).toBe(true);
    expect(await caller.templates.samplesForFlow({ flowId: 'my-own-flow' })).toEqual([]);
  });

  it('gives the retail samples their customer: a VIP and a regular one', async () => {
    const samples = await bed
      .callerAs(bed.users.editor)
      .templates.samplesForFlow({ flowId: 'tpl-retail-intake' });
    const byFile = (file: string) => samples.find((sample) => sample.id === `retail/samples/${file}`);
    expect(byFile('06-return-vip.json')?.customer).toEqual({ vipLevel: 2, tags: ['会员'], requestCount: 4 });
    expect(byFile('05-return-within-7-days.json')?.customer).toEqual({ vipLevel: 0, requestCount: 1 });
    // A sample that names no customer comes from someone new.
    expect(byFile('01-order-status-zh.json')).not.toHaveProperty('customer');
  });

  it('answers an unknown template with a translated NOT_FOUND', async () => {
    await expect(bed.callerAs(bed.users.admin).templates.get({ id: 'bakery' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'There is no template "bakery"',
    });
  });

  it('lets only admins and editors in', async () => {
    await expect(bed.callerAs(bed.users.agent).templates.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(bed.callerAs(bed.users.viewer).templates.install({ id: 'retail' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
