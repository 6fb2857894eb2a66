import { describe, expect, it } from 'vitest';
import { maskAnswerFor, maskContacts, maskContactsInText } from './contact-masking.ts';

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

  it('masks for editors and viewers, not for the roles that contact customers', () => {
    const answer = { phone: '13812345678' };
    expect(maskAnswerFor('viewer', answer)).toEqual({ phone: '*******5678' });
    expect(maskAnswerFor('editor', answer)).toEqual({ phone: '*******5678' });
    expect(maskAnswerFor('agent', answer)).toBe(answer);
    expect(maskAnswerFor('admin', answer)).toBe(answer);
  });

  it('masks an already masked value to the same text', () => {
    const once = maskContacts({ phone: '13812345678', note: 'tel 13812345678' });
    expect(maskContacts(once)).toEqual(once);
  });
});
