import { USER_ROLES, type UserRole } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';
import { seedDesk } from '../../tickets/ticket-test-seed.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
});
afterEach(async () => {
  await bed.close();
});

const PHONE = '+8613812345678';
const EMAIL = 'wang@example.cn';

async function revealAudit() {
  const page = await bed.store.audit.list();
  return page.items.filter((entry) => entry.action === 'customer.contact_reveal');
}

describe('contacts are masked for every role, and revealed per ticket with an audit record', () => {
  it('masks the customer of a ticket for a viewer, an agent and an admin alike', async () => {
    const ticket = await seedDesk(bed);
    for (const role of ['viewer', 'agent', 'admin'] as const) {
      const detail = await bed.callerAs(bed.users[role]).tickets.get({ id: ticket.id });
      expect(detail.customer).toMatchObject({ masked: true, phone: expect.stringMatching(/\*+5678$/) });
      expect(JSON.stringify(detail)).not.toContain(PHONE);
      expect(JSON.stringify(detail)).not.toContain(EMAIL);
    }
  });

  it('reveals the full contacts to the allowed roles (admin, supervisor, agent by default) and audits each reveal', async () => {
    const ticket = await seedDesk(bed);
    const allowed: UserRole[] = ['admin', 'supervisor', 'agent'];
    for (const role of USER_ROLES) {
      const reveal = bed.callerAs(bed.users[role]).tickets.revealContact({ ticketId: ticket.id });
      if (allowed.includes(role)) {
        const shown = await reveal;
        expect(shown).toMatchObject({ ticketNumber: ticket.number, customerId: 'cust-1' });
        expect(shown.identities).toEqual(
          expect.arrayContaining([
            { kind: 'phone', value: PHONE },
            { kind: 'email', value: EMAIL },
          ]),
        );
      } else {
        await expect(reveal).rejects.toMatchObject({
          code: 'FORBIDDEN',
          cause: { code: 'reveal_not_allowed' },
        });
      }
    }
    const entries = await revealAudit();
    const granted = entries.filter((entry) => entry.outcome === 'success');
    expect(granted.map((entry) => entry.actor.id).sort()).toEqual([
      'user-admin',
      'user-agent',
      'user-supervisor',
    ]);
    expect(granted[0]).toMatchObject({
      target: `ticket:${ticket.id}`,
      at: bed.clock.now().toISOString(),
      details: { ticketNumber: ticket.number },
    });
    expect(
      entries
        .filter((entry) => entry.outcome === 'denied')
        .map((entry) => entry.actor.id)
        .sort(),
    ).toEqual(['user-editor', 'user-viewer']);
  });

  it('follows the workspace setting, and refuses an unknown ticket', async () => {
    const ticket = await seedDesk(bed);
    await bed
      .callerAs(bed.users.admin)
      .users.updateSettings({ revealRoles: ['viewer'], invitationHours: 72 });
    await expect(
      bed.callerAs(bed.users.agent).tickets.revealContact({ ticketId: ticket.id }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      bed.callerAs(bed.users.viewer).tickets.revealContact({ ticketId: ticket.id }),
    ).resolves.toMatchObject({
      customerId: 'cust-1',
    });
    await expect(
      bed.callerAs(bed.users.viewer).tickets.revealContact({ ticketId: 'nope' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(bed.callerAs(null).tickets.revealContact({ ticketId: ticket.id })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('still sends replies to the full address internally', async () => {
    const ticket = await seedDesk(bed);
    const agent = bed.callerAs(bed.users.agent).tickets;
    await agent.claim({ id: ticket.id });
    await agent.reply({ id: ticket.id, body: 'Hello' });
    const [delivery] = await bed.store.jobs.list({ kind: 'outbox.deliver' });
    expect(delivery?.payload).toMatchObject({ channel: 'email', to: EMAIL });
  });
});
