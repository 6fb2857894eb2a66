import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/secrets.ts';
import {
  createTestBed,
  type RunningServer,
  startServer,
  type TestBed,
} from '../../src/testing/server-test-kit.ts';

/**
 * Finding 5 (Origin part) of the security review: tRPC mutations did not look
 * at Origin or Sec-Fetch-Site, so only SameSite=Lax and the JSON content type
 * stood between a page on another site (or a sibling subdomain, which Lax does
 * not stop) and an editor's session. The real app listens on 127.0.0.1; the
 * "browser" is fetch sending the headers a browser would.
 */

describe('state-changing tRPC calls from other sites (finding 5)', () => {
  let bed: TestBed;
  let server: RunningServer;
  let cookie: string;

  beforeEach(async () => {
    bed = await createTestBed();
    server = await startServer(bed);
    await bed.store.users.update(bed.users.editor.id, {
      passwordHash: await hashPassword('editor pass 123'),
    });
    const login = await fetch(`${server.baseUrl}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.baseUrl },
      body: JSON.stringify({ email: 'editor@example.com', password: 'editor pass 123' }),
    });
    expect(login.status).toBe(200);
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  });

  afterEach(async () => {
    await server.close();
    await bed.close();
  });

  function createFlow(name: string, headers: Record<string, string>) {
    return fetch(`${server.baseUrl}/trpc/flows.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, ...headers },
      body: JSON.stringify({ name }),
    });
  }

  async function flowNames(): Promise<string[]> {
    const flows = await bed.callerAs(bed.users.editor).flows.list();
    return flows.map((flow: { name: string }) => flow.name);
  }

  it('refuses a cross-site POST with a translated 403 and changes nothing', async () => {
    const attacks: Array<Record<string, string>> = [
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { origin: 'http://localhost.evil.example:3000' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'null' },
    ];
    for (const headers of attacks) {
      const response = await createFlow('planted', headers);
      expect(response.status).toBe(403);
      const body = (await response.json()) as {
        error: { message: string; data: { appCode: string; messages: { 'zh-CN': string } } };
      };
      expect(body.error.data.appCode).toBe('cross_site_refused');
      // In the editor's language (en), with the Chinese text beside it.
      expect(body.error.message).toContain('A request from another website was refused');
      expect(body.error.data.messages['zh-CN']).toContain('已拒绝来自其他网站的请求');
    }
    // Signing someone in from another site (login CSRF) is refused too, in the browser's language.
    const login = await fetch(`${server.baseUrl}/trpc/auth.login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: 'https://evil.example',
        'accept-language': 'zh-CN',
      },
      body: JSON.stringify({ email: 'editor@example.com', password: 'editor pass 123' }),
    });
    expect(login.status).toBe(403);
    expect(((await login.json()) as { error: { message: string } }).error.message).toContain(
      '已拒绝来自其他网站的请求',
    );
    expect(await flowNames()).not.toContain('planted');
  });

  it('lets the web app’s own calls, non-browser clients and cross-site reads through', async () => {
    const sameOrigin = await createFlow('from the app', {
      origin: server.baseUrl,
      'sec-fetch-site': 'same-origin',
    });
    expect(sameOrigin.status).toBe(200);
    const script = await createFlow('from a script', {});
    expect(script.status).toBe(200);
    // Queries change nothing; the policy still decides who may read.
    const read = await fetch(`${server.baseUrl}/trpc/flows.list`, {
      headers: { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(read.status).toBe(200);
    expect(await flowNames()).toEqual(expect.arrayContaining(['from the app', 'from a script']));
  });

  it('refuses a cross-site navigation to the export query, which writes an audit entry', async () => {
    const { id } = await bed.callerAs(bed.users.editor).flows.create({ name: 'Returns' });
    const url = `${server.baseUrl}/trpc/flows.exportFile?input=${encodeURIComponent(JSON.stringify({ id }))}`;
    const exports = async () =>
      (await bed.callerAs(bed.users.admin).audit.list({ action: 'flow.export' })).items.length;

    // A link or redirect on another site: a top-level GET carrying the cookie, no Origin.
    for (const site of ['cross-site', 'same-site']) {
      const planted = await fetch(url, {
        headers: { cookie, 'sec-fetch-site': site, 'sec-fetch-mode': 'navigate' },
      });
      expect(planted.status).toBe(403);
      expect(((await planted.json()) as { error: { data: { appCode: string } } }).error.data.appCode).toBe(
        'cross_site_refused',
      );
    }
    expect(await exports()).toBe(0);

    // The app's own download still works, and its entry says it was an export.
    const own = await fetch(url, { headers: { cookie, 'sec-fetch-site': 'same-origin' } });
    expect(own.status).toBe(200);
    const [entry] = (await bed.callerAs(bed.users.admin).audit.list({ action: 'flow.export' })).items;
    expect(entry).toMatchObject({ target: `flow:${id}`, details: { export: 'download', version: 'draft' } });
  });
});
