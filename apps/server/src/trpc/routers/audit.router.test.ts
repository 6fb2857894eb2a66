import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../auth/secrets.ts';
import { createTestBed, publishableGraph, type TestBed } from '../../testing/server-test-kit.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
});
afterEach(async () => {
  await bed.close();
});

async function entries() {
  return (await bed.callerAs(bed.users.admin).audit.list()).items;
}

describe('audit log', () => {
  it('records sign-ins and failures with who and from where, never the password', async () => {
    await bed.store.users.update(bed.users.editor.id, {
      passwordHash: await hashPassword('correct horse battery'),
    });
    const anonymous = bed.callerAs(null);
    await expect(
      anonymous.auth.login({ email: 'editor@example.com', password: 'wrong-guess-1' }),
    ).rejects.toThrow();
    await expect(
      anonymous.auth.login({ email: 'nobody@example.com', password: 'wrong-guess-2' }),
    ).rejects.toThrow();
    await anonymous.auth.login({ email: 'editor@example.com', password: 'correct horse battery' });
    const signIns = (await entries()).filter((entry) => entry.action === 'auth.sign_in');
    expect(signIns.map((entry) => [entry.actor.label, entry.outcome, entry.details])).toEqual([
      ['editor@example.com', 'success', {}],
      ['nobody@example.com', 'failure', { reason: 'unknown_email' }],
      ['editor@example.com', 'failure', { reason: 'wrong_password' }],
    ]);
    expect(signIns[0]).toMatchObject({ actor: { kind: 'user', id: 'user-editor' }, ip: 'local' });
    const text = JSON.stringify(signIns);
    expect(text).not.toContain('wrong-guess');
    expect(text).not.toContain('correct horse');
  });

  it('records publish, rollback, export and template installs by the editor who did them', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const flow = await editor.flows.create({ name: 'Returns', graph: publishableGraph() });
    await editor.flows.publish({ id: flow.id });
    await editor.flows.publish({ id: flow.id });
    await editor.versions.rollback({ flowId: flow.id, version: 1 });
    await editor.flows.exportFile({ id: flow.id, version: 1 });
    const list = await entries();
    expect(list.map((entry) => [entry.action, entry.target, entry.details])).toEqual([
      ['flow.export', `flow:${flow.id}`, { name: 'Returns', version: 1, export: 'download' }],
      ['flow.rollback', `flow:${flow.id}`, { version: 3, rolledBackTo: 1 }],
      ['flow.publish', `flow:${flow.id}`, { name: 'Returns', version: 2 }],
      ['flow.publish', `flow:${flow.id}`, { name: 'Returns', version: 1 }],
    ]);
    await editor.templates.install({ id: 'retail' });
    expect((await entries())[0]).toMatchObject({
      action: 'template.install',
      target: 'template:retail',
      details: { publish: false },
      actor: { id: 'user-editor' },
    });
    expect(
      list.every((entry) => entry.actor.id === 'user-editor' && entry.actor.label === 'editor@example.com'),
    ).toBe(true);
  });

  it('records API keys and channel settings by field name, never the secret', async () => {
    const admin = bed.callerAs(bed.users.admin);
    const created = await admin.apiKeys.create({ name: 'ERP', role: 'agent' });
    await admin.apiKeys.revoke({ id: created.apiKey.id });
    await admin.channels.update({
      channel: 'wechat',
      enabled: true,
      settings: { token: 'flowdesk2026', appId: 'wx123', appSecret: 's3cret-value' },
    });
    await admin.channels.update({ channel: 'wechat', settings: { appId: 'wx123', welcomeText: '欢迎' } });
    const list = await entries();
    expect(list.map((entry) => [entry.action, entry.target, entry.details])).toEqual([
      ['channel.update', 'channel:wechat', { fields: ['welcomeText'] }],
      ['channel.update', 'channel:wechat', { fields: ['appId', 'appSecret', 'token'], enabled: true }],
      ['api_key.revoke', `api_key:${created.apiKey.id}`, {}],
      ['api_key.create', `api_key:${created.apiKey.id}`, { name: 'ERP', role: 'agent' }],
    ]);
    const text = JSON.stringify(list);
    expect(text).not.toContain('s3cret-value');
    expect(text).not.toContain('flowdesk2026');
    expect(text).not.toContain(created.secret);
  });

  it('filters by action, actor and time, pages with a cursor, and is for admins only', async () => {
    const admin = bed.callerAs(bed.users.admin);
    for (const name of ['a', 'b', 'c']) {
      await admin.apiKeys.create({ name, role: 'agent' });
      bed.clock.advance(60_000);
    }
    await bed
      .callerAs(bed.users.editor)
      .flows.exportFile({ id: (await admin.flows.create({ name: 'x' })).id });
    expect((await admin.audit.list({ action: 'api_key.create' })).items).toHaveLength(3);
    expect(
      (await admin.audit.list({ actor: 'editor@example.com' })).items.map((entry) => entry.action),
    ).toEqual(['flow.export']);
    const window = await admin.audit.list({
      from: '2026-11-22T08:01:00.000Z',
      to: '2026-11-22T08:02:00.000Z',
    });
    expect(window.items.map((entry) => entry.details.name)).toEqual(['b']);
    const first = await admin.audit.list({ limit: 2 });
    const second = await admin.audit.list({ limit: 2, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((entry) => entry.action)).toEqual([
      'flow.export',
      'api_key.create',
      'api_key.create',
      'api_key.create',
    ]);
    expect(second.nextCursor).toBeNull();
    await expect(admin.audit.list({ cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    for (const role of ['editor', 'agent', 'viewer'] as const) {
      await expect(bed.callerAs(bed.users[role]).audit.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});
