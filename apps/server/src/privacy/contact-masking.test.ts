import { USER_ROLES } from '@flowdesk/store';
import { describe, expect, it } from 'vitest';
import { maskAnswerFor, maskContacts, maskContactsInText, maskLinkTokens } from './contact-masking.ts';

describe('contact masking', () => {
  it('masks contact fields whole, keeping the last four characters', () => {
    expect(
      maskContacts({
        customer: {
          name: '王小明',
          phone: '13812345678',
          email: 'wang@example.cn',
          channelId: 'oOpenId1234',
        },
        mobile: 13912345678,
        phone_number: '021-5555-1234',
      }),
    ).toEqual({
      customer: { name: '王小明', phone: '*******5678', email: '***********e.cn', channelId: '*******1234' },
      mobile: '*******5678',
      phone_number: '*********1234',
    });
  });

  it('masks identities by kind and every channel account id', () => {
    expect(
      maskContacts({
        identities: [
          { kind: 'phone', value: '13812345678' },
          { kind: 'channel:wechat', value: 'oAbcdefgh9999' },
          { kind: 'name', value: 'Li' },
        ],
        channelIds: { 'channel:wechat': 'oAbcdefgh9999' },
      }),
    ).toEqual({
      identities: [
        { kind: 'phone', value: '*******5678' },
        { kind: 'channel:wechat', value: '*********9999' },
        { kind: 'name', value: 'Li' },
      ],
      channelIds: { 'channel:wechat': '*********9999' },
    });
  });

  it('finds phone numbers and emails inside free text', () => {
    expect(maskContactsInText('请打 13812345678 或 138-1234-5678，邮件 li.si@shop.example.com')).toBe(
      '请打 *******5678 或 *********5678，邮件 ******************.com',
    );
    expect(maskContactsInText('电话+86 13812345678，座机010-12345678，London +44 20 7946 0958')).toBe(
      '电话***********5678，座机********5678，London ************0958',
    );
  });

  it('leaves ticket numbers, ids, dates, tokens and ordinary numbers alone', () => {
    const text =
      'CS20261122001 id-000002 2026-11-22T01:00:00.000Z /t/CS20261122001?token=ab13812345678cd 订单 12345 金额 1999.00 key exec-13812345678';
    expect(maskContactsInText(text)).toBe(text);
  });

  it('never changes its input and copes with any JSON shape', () => {
    const answer = { items: [{ title: 'call 13812345678', count: 3, ok: true, none: null }] };
    const before = structuredClone(answer);
    expect(maskContacts(answer)).toEqual({
      items: [{ title: 'call *******5678', count: 3, ok: true, none: null }],
    });
    expect(answer).toEqual(before);
    expect(maskContacts(undefined)).toBeUndefined();
    expect(maskContacts('13812345678')).toBe('*******5678');
  });

  it('masks for every role: a whole contact comes only from the audited reveal of one ticket', () => {
    const answer = { phone: '13812345678' };
    for (const role of USER_ROLES) expect(maskAnswerFor(role, answer)).toEqual({ phone: '*******5678' });
  });

  it('masks an already masked value to the same text', () => {
    const once = maskContacts({ phone: '13812345678', note: 'tel 13812345678' });
    expect(maskContacts(once)).toEqual(once);
  });

  it('masks the token of progress links, old and new, wherever they are written', () => {
    const text =
      'Track it at https://desk.example/t/CS20261122001?token=m3x9k2a.Ab_c-9xYz0123456789abcdefghijklmnopqrstu, ' +
      'old link /t/CS20261122002?token=Zm9vYmFy_-0123456789abcdefghijklmnopqrstuv&lang=en.';
    const masked = maskContacts({ reply: text, output: { link: '/t/CS20261122001?token=lq2w3e4.QUJD' } });
    expect(masked).toEqual({
      reply:
        'Track it at https://desk.example/t/CS20261122001?token=***, old link /t/CS20261122002?token=***&lang=en.',
      output: { link: '/t/CS20261122001?token=***' },
    });
    expect(maskContacts(masked)).toEqual(masked);
    expect(maskLinkTokens('/t/CS1?lang=en&token=abc.def')).toBe('/t/CS1?lang=en&token=***');
    expect(maskLinkTokens('请评价：https://desk.example.cn/s/Xk3_9aQ-pL0vT2mB7nC4dE8f 谢谢')).toBe(
      '请评价：https://desk.example.cn/s/*** 谢谢',
    );
    expect(maskLinkTokens('see /s/short and /docs/s/x')).toBe('see /s/short and /docs/s/x');
    expect(maskAnswerFor('viewer', { link: '/t/CS1?token=abc.def' })).toEqual({ link: '/t/CS1?token=***' });
    // Agents, supervisors and admins send the link to customers themselves.
    for (const role of ['agent', 'supervisor', 'admin'] as const) {
      expect(maskAnswerFor(role, { link: '/t/CS1?token=abc.def', phone: '13812345678' })).toEqual({
        link: '/t/CS1?token=abc.def',
        phone: '*******5678',
      });
    }
  });
});

/**
 * Customer text reaches this module on every answer to editors and viewers and
 * on every log line: masking must take time in proportion to the text. (One
 * regular expression for emails, tried at every position, read the rest of a
 * run of address characters from each: 50,000 characters took 3.4 s.)
 */
describe('contact masking of long hostile text', () => {
  const N = 200_000;
  const hostile = (n: number): string[] => [
    'a'.repeat(n),
    'a.'.repeat(n / 2),
    '1-'.repeat(n / 2),
    '+1 '.repeat(n / 3),
    `@${'a.'.repeat(n / 2)}`,
    `${'a'.repeat(n / 2)}@${'b-'.repeat(n / 4)}`,
    '%1'.repeat(n / 2),
    '0'.repeat(n),
    '?token='.repeat(n / 7),
  ];

  it('masks 200,000 characters of each kind and leaves what is not a contact as it was', () => {
    for (const text of hostile(N)) expect(maskContacts(text)).toBe(text);
    // Each kind at once, in one run of address characters.
    const mixed = hostile(N).slice(0, 3).join('');
    expect(maskContacts(mixed)).toBe(mixed);

    const longAddress = `${'a.'.repeat(N / 2)}x@${'ab.'.repeat(N / 3)}com`;
    expect(maskContactsInText(longAddress)).toBe(`${'*'.repeat(longAddress.length - 4)}.com`);
    const among = `${'a'.repeat(N)} 13812345678 ${'1-'.repeat(N / 2)} li.si@shop.example.com ${'a.'.repeat(N / 2)}`;
    expect(maskContactsInText(among)).toBe(
      `${'a'.repeat(N)} *******5678 ${'1-'.repeat(N / 2)} ******************.com ${'a.'.repeat(N / 2)}`,
    );
  });

  it('takes time in proportion to the text: twice the text, well under three times the time', () => {
    const text = (n: number) => hostile(n).join(' 13812345678 wang@example.cn ');
    const once = text(N);
    const twice = text(2 * N);
    const timeOf = (input: string): number => {
      const started = performance.now();
      maskContacts(input);
      return performance.now() - started;
    };
    timeOf(once); // warms up the JIT before measuring
    // Best of three, the two sizes taking turns, so a busy machine slows both alike.
    let best = { once: Number.POSITIVE_INFINITY, twice: Number.POSITIVE_INFINITY };
    for (let round = 0; round < 3; round++) {
      best = { once: Math.min(best.once, timeOf(once)), twice: Math.min(best.twice, timeOf(twice)) };
    }
    expect(best.twice / best.once).toBeLessThan(3);
  });
});
