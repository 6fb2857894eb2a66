import { describe, expect, it } from 'vitest';
import { detectLocale } from './detect-locale.ts';

describe('detectLocale', () => {
  it('reads Chinese and English messages', () => {
    expect(detectLocale('你好，我的订单还没有发货，请帮忙查一下。')).toBe('zh-CN');
    expect(detectLocale('Hello, my order has not shipped yet. Could you check?')).toBe('en');
    expect(detectLocale('你好')).toBe('zh-CN');
    expect(detectLocale('help')).toBe('en');
  });

  it('reads mixed text by the words that carry it', () => {
    expect(detectLocale('Where is my order #20240512-8831? It was due on 2024-05-20.')).toBe('en');
    expect(detectLocale('我的 iPhone 15 Pro Max 屏幕坏了，怎么办？')).toBe('zh-CN');
    expect(detectLocale('Hi, this is 王小明, my parcel has not arrived yet')).toBe('en');
    expect(detectLocale('退货 <script>alert(1)</script>')).toBe('zh-CN');
    expect(
      detectLocale('我的邮箱是amy.smith@example.com，订单详情见https://shop.example.com/orders/8831'),
    ).toBe('zh-CN');
  });

  it('ignores the quoted message an email reply carries', () => {
    const reply = 'Thanks, that solved it!\n\n> 您好，您的工单 T-1001 已处理完毕。\n> 如有问题请回复本邮件。';
    expect(detectLocale(reply)).toBe('en');
  });

  it('does not guess from text without words', () => {
    expect(detectLocale('')).toBeUndefined();
    expect(detectLocale('👍👍🙏')).toBeUndefined();
    expect(detectLocale('13812345678 / 2024-05-20 ?!')).toBeUndefined();
    expect(detectLocale('ok')).toBeUndefined();
    expect(detectLocale('好')).toBeUndefined();
  });
});

describe('detectLocale on hostile input', () => {
  it('reads only the opening of a long message, so 20,000 characters cost no more than 2,000', () => {
    expect(detectLocale(`${'请问我的订单到哪里了'.repeat(300)}${'x'.repeat(20_000)}`)).toBe('zh-CN');
    expect(detectLocale('‹'.repeat(20_000))).toBeUndefined();
    expect(detectLocale('\n'.repeat(20_000))).toBeUndefined();
    expect(detectLocale(`${'a'.repeat(19_990)}@b.cn`)).toBe('en');
  });
});
