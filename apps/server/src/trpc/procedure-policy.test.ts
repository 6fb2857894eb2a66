import { USER_ROLES } from '@flowdesk/store';
import { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestBed, type TestBed } from '../testing/server-test-kit.ts';
import { appRouter } from './_app.ts';
import { createInnerContext } from './context.ts';
import { createCallerFactory, procedure, router } from './trpc.ts';

/** At run time `_def.procedures` is flat, keyed by dotted path (`flows.publish`). */
interface ProcedureDefinition {
  _def: { meta?: { roles?: unknown; public?: unknown; contacts?: unknown } };
}

describe('procedure policies', () => {
  it('every procedure declares its roles (or public: true)', () => {
    const procedures = Object.entries(
      appRouter._def.procedures as unknown as Record<string, ProcedureDefinition>,
    );
    expect(procedures.length).toBeGreaterThan(20);
    const missing = procedures
      .filter(([, definition]) => {
        const meta = definition._def.meta;
        if (meta?.public === true) return false;
        return !(
          Array.isArray(meta?.roles) &&
          meta.roles.length > 0 &&
          meta.roles.every((role) => (USER_ROLES as readonly unknown[]).includes(role))
        );
      })
      .map(([path]) => path);
    expect(missing).toEqual([]);
  });

  it('only sign-in, sign-out and the invitation page are public', () => {
    const publicPaths = Object.entries(
      appRouter._def.procedures as unknown as Record<string, ProcedureDefinition>,
    )
      .filter(([, definition]) => definition._def.meta?.public === true)
      .map(([path]) => path)
      .sort();
    expect(publicPaths).toEqual(['auth.acceptInvitation', 'auth.invitation', 'auth.login', 'auth.logout']);
  });

  it('answers are masked unless they hold only what staff wrote, and customer data never opts out', () => {
    const unmasked = Object.entries(
      appRouter._def.procedures as unknown as Record<string, ProcedureDefinition>,
    )
      .filter(([, definition]) => definition._def.meta?.contacts === 'none')
      .map(([path]) => path);
    const carryingCustomers = /^(executions|tickets|customers)\.|^flows\.testRun$|^messages\.inbox$/;
    // The audited reveal (allowed roles checked against the people settings) is the one exception.
    expect(unmasked.filter((path) => carryingCustomers.test(path))).toEqual(['tickets.revealContact']);
    // Flows, versions, templates, knowledge and message templates are authored by staff and
    // edited round trip; auth.me is the caller's own account; users lists staff accounts.
    // A new opt-out is reviewed here.
    const areas = [
      ...new Set(
        unmasked
          .filter((path) => path !== 'tickets.revealContact')
          .map((path) => (/^(messages|shadow)\./.test(path) ? path : path.split('.')[0])),
      ),
    ];
    expect(areas.sort()).toEqual([
      'audit',
      'auth',
      'flows',
      'knowledge',
      'messages.deleteTemplate',
      'messages.saveTemplate',
      'messages.template',
      'messages.templates',
      // Starting, watching and cancelling a shadow run and its guard carry no customer data;
      // its report and a version's report (traces of past requests) are masked.
      'shadow.cancel',
      'shadow.guard',
      'shadow.progress',
      'shadow.setCritical',
      'shadow.start',
      'templates',
      'users',
      'versions',
    ]);
    expect(unmasked.filter((path) => path.startsWith('auth.')).sort()).toEqual([
      'auth.changePassword',
      'auth.me',
      'auth.setLocale',
      'auth.signOutEverywhere',
    ]);
  });

  it('lets agents, supervisors and admins revoke a ticket’s progress links, nobody else', () => {
    const procedures = appRouter._def.procedures as unknown as Record<string, ProcedureDefinition>;
    expect(procedures['tickets.revokeProgressLinks']?._def.meta?.roles).toEqual([
      'admin',
      'supervisor',
      'agent',
    ]);
  });

  it('shadow runs: editors run them, flow readers read reports, admins mark flows critical', () => {
    const procedures = appRouter._def.procedures as unknown as Record<string, ProcedureDefinition>;
    const roles = Object.fromEntries(
      Object.entries(procedures)
        .filter(([path]) => path.startsWith('shadow.'))
        .map(([path, definition]) => [path, definition._def.meta?.roles]),
    );
    expect(roles).toEqual({
      'shadow.start': ['admin', 'editor'],
      'shadow.progress': ['admin', 'editor'],
      'shadow.cancel': ['admin', 'editor'],
      'shadow.report': ['admin', 'editor', 'viewer'],
      'shadow.forVersion': ['admin', 'editor', 'viewer'],
      'shadow.guard': ['admin', 'editor', 'viewer'],
      'shadow.setCritical': ['admin'],
    });
  });

  it('the audit log is read by admins only', () => {
    const procedures = appRouter._def.procedures as unknown as Record<string, ProcedureDefinition>;
    expect(procedures['audit.list']?._def.meta?.roles).toEqual(['admin']);
  });

  describe('at run time', () => {
    let bed: TestBed;
    beforeEach(async () => {
      bed = await createTestBed();
    });
    afterEach(async () => {
      await bed.close();
    });

    it('answers SERVICE_UNAVAILABLE, translated and with a retry time, when the database is busy', async () => {
      const busy = router({
        write: procedure
          .meta({ roles: ['admin'] })
          .input(z.void())
          .mutation(() => {
            throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY_SNAPSHOT' });
          }),
      });
      const caller = createCallerFactory(busy)(
        createInnerContext({ services: bed.services, user: bed.users.admin }),
      );
      const error = (await caller.write().catch((caught: unknown) => caught)) as TRPCError;
      expect(error).toBeInstanceOf(TRPCError);
      expect(error.code).toBe('SERVICE_UNAVAILABLE');
      expect(error.cause).toMatchObject({ code: 'store_busy', extra: { retryAfterSeconds: 1 } });
      expect((error.cause as unknown as { messages: { 'zh-CN': string } }).messages['zh-CN']).toContain(
        '数据库正忙',
      );
    });

    it('refuses a procedure that declares no policy, even for an admin', async () => {
      const careless = router({ open: procedure.input(z.void()).query(() => 'secret') });
      const caller = createCallerFactory(careless)(
        createInnerContext({ services: bed.services, user: bed.users.admin }),
      );
      await expect(caller.open()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('says UNAUTHORIZED to nobody and FORBIDDEN to a role not listed', async () => {
      await expect(bed.callerAs(null).flows.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      const error = await bed
        .callerAs(bed.users.viewer)
        .flows.create({ name: 'Nope' })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TRPCError);
      expect(error).toMatchObject({ code: 'FORBIDDEN' });
      expect((error as TRPCError).cause).toMatchObject({
        messages: { 'zh-CN': expect.stringContaining('viewer'), en: expect.stringContaining('viewer') },
      });
      await expect(bed.callerAs(bed.users.agent).apiKeys.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(bed.callerAs(bed.users.viewer).flows.list()).resolves.toEqual([]);
    });

    it('lets editors and admins test-run a flow, not viewers or agents (it evaluates what they write)', () => {
      const testRun = (appRouter._def.procedures as unknown as Record<string, ProcedureDefinition>)[
        'flows.testRun'
      ];
      expect(testRun?._def.meta?.roles).toEqual(['admin', 'editor']);
    });
  });
});
