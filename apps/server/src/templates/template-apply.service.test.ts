import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../testing/server-test-kit.ts';
import { applyTemplate } from './template-apply.service.ts';
import { findTemplate } from './template-catalog.ts';
import { type LoadedTemplate, loadTemplate, TEMPLATES_DIR } from './template-loader.ts';

async function template(id: string, root = TEMPLATES_DIR): Promise<LoadedTemplate> {
  const found = await findTemplate(id, root);
  if (!found.ok) throw new Error(`template ${id} does not load`);
  return found.template;
}

describe('applying a template', () => {
  let bed: TestBed;
  beforeEach(async () => {
    bed = await createTestBed();
  });
  afterEach(async () => {
    await bed.close();
  });

  it('installs everything once; applying again changes nothing and says so', async () => {
    const retail = await template('retail');
    const first = await applyTemplate(bed.services, retail, { publish: false, actor: 'user-admin' });
    expect(first).toMatchObject({
      ok: true,
      alreadyApplied: false,
      published: 0,
      created: { teams: 5, agents: 6, slaPolicies: 3, messageTemplates: 12, articles: 3, flows: 7 },
    });
    const second = await applyTemplate(bed.services, retail, { publish: true, actor: 'user-admin' });
    expect(second).toMatchObject({ ok: true, alreadyApplied: true, published: 0 });
    if (!first.ok || !second.ok) return;
    expect(second.existing).toEqual(first.created);
    expect(await bed.store.flows.list({ workspaceId: 'default' })).toHaveLength(7);
    expect(await bed.store.agents.list({ workspaceId: 'default' })).toHaveLength(6);
    expect(await bed.store.versions.latest('tpl-retail-intake')).toBeNull();
  });

  it('names each installed flow in both languages, and flows.list and flows.get answer both', async () => {
    const retail = await template('retail');
    await applyTemplate(bed.services, retail, { publish: false, actor: 'user-admin' });
    const intake = await bed.store.flows.get('tpl-retail-intake');
    expect(intake?.name).toBe('零售：请求受理与分流');
    expect(intake?.localizedName).toEqual({ 'zh-CN': '零售：请求受理与分流', en: 'Retail: request intake' });
    const admin = bed.callerAs(bed.users.admin);
    const listed = (await admin.flows.list()).find((flow) => flow.id === 'tpl-retail-intake');
    expect(listed?.localizedName?.en).toBe('Retail: request intake');
    await expect(admin.flows.get({ id: 'tpl-retail-intake' })).resolves.toMatchObject({
      localizedName: { 'zh-CN': '零售：请求受理与分流', en: 'Retail: request intake' },
    });
    // A flow the admin renames shows that name in both languages.
    await admin.flows.rename({ id: 'tpl-retail-intake', name: '我们的受理流程' });
    const renamed = await admin.flows.get({ id: 'tpl-retail-intake' });
    expect(renamed.name).toBe('我们的受理流程');
    expect(renamed).not.toHaveProperty('localizedName');
  });

  it('keeps what an admin changed since the first apply', async () => {
    const retail = await template('retail');
    await applyTemplate(bed.services, retail, { publish: false, actor: 'user-admin' });
    const team = await bed.store.teams.get('after_sales');
    await bed.store.teams.put({
      ...(team as NonNullable<typeof team>),
      skills: ['returns', 'refunds', 'vip'],
    });
    await applyTemplate(bed.services, retail, { publish: false, actor: 'user-admin' });
    expect((await bed.store.teams.get('after_sales'))?.skills).toEqual(['returns', 'refunds', 'vip']);
  });

  it('publishes the flows when asked and fills in the settings', async () => {
    const retail = await template('retail');
    const result = await applyTemplate(bed.services, retail, {
      publish: true,
      actor: 'user-admin',
      settings: { orderServiceUrl: 'https://erp.example.com/orders/', highValueThreshold: '500' },
    });
    expect(result).toMatchObject({ ok: true, published: 7 });
    expect(bed.runtime.flowsChangedCalls).toBe(1);
    const intake = (await bed.store.versions.latest('tpl-retail-intake'))?.graph;
    const lookup = intake?.nodes.find((node) => node.id === 'status_lookup');
    expect(lookup?.config.url).toBe('https://erp.example.com/orders/{{ request.customFields.orderNo }}');
    const large = intake?.nodes.find((node) => node.id === 'cancel_large');
    expect(JSON.stringify(large?.config)).toContain('"value":500');
  });

  it('points URL settings at the demo services in demo mode', async () => {
    const result = await applyTemplate(bed.services, await template('manufacturing'), {
      publish: true,
      actor: 'demo',
      demoBaseUrl: 'http://localhost:3000/',
    });
    expect(result).toMatchObject({ ok: true, published: 7 });
    const intake = (await bed.store.flows.get('tpl-manufacturing-repair-intake'))?.draft;
    const parts = intake?.nodes.find((node) => node.id === 'parts');
    expect(parts?.config.url).toBe('http://localhost:3000/demo/parts/{{ request.customFields.deviceModel }}');
  });

  it('refuses a setting value that does not fit, and writes nothing', async () => {
    const result = await applyTemplate(bed.services, await template('retail'), {
      publish: false,
      actor: 'user-admin',
      settings: { highValueThreshold: 'a lot' },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message.en).toContain('highValueThreshold');
    expect(await bed.store.teams.list('default')).toEqual([]);
  });
});

describe('a broken template folder', () => {
  function brokenCopy(edit: (manifest: Record<string, unknown>) => void): string {
    const root = mkdtempSync(join(tmpdir(), 'flowdesk-templates-'));
    cpSync(join(TEMPLATES_DIR, 'retail'), join(root, 'retail'), { recursive: true });
    const file = join(root, 'retail', 'template.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    edit(manifest);
    writeFileSync(file, JSON.stringify(manifest));
    return root;
  }

  it('says in both languages which field of template.json is wrong', async () => {
    const root = brokenCopy((manifest) => {
      manifest.name = { 'zh-CN': '零售' };
    });
    const load = await loadTemplate(join(root, 'retail'), 'retail');
    expect(load.ok).toBe(false);
    if (load.ok) return;
    expect(load.problems[0]?.message.en).toContain('template.json at /name/en');
    expect(load.problems[0]?.message['zh-CN']).toContain('template.json 的 /name/en 有误');
  });

  it('names a team the flows use but the template lacks, and is not applied', async () => {
    const root = brokenCopy((manifest) => {
      manifest.teams = (manifest.teams as { id: string }[]).filter((team) => team.id !== 'complaints');
      manifest.agents = (manifest.agents as { teams: string[] }[]).filter(
        (agent) => !agent.teams.includes('complaints'),
      );
    });
    const found = await findTemplate('retail', root);
    expect(found.ok).toBe(false);
    if (found.ok || found.reason !== 'broken') return;
    expect(found.problems.map((problem) => problem.message.en)).toContain(
      'flows/intake.flow.json complaint_ticket names the team "complaints", which the template lacks',
    );
  });
});
