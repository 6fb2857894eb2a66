// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithI18n } from '../testing/render-with-i18n.tsx';
import { PublishOverlaps } from './publish-overlaps.tsx';

afterEach(cleanup);

describe('publish dialog overlap list', () => {
  it('names the other live flows that would also start, with their place in the order', () => {
    renderWithI18n(
      <PublishOverlaps
        loading={false}
        report={{
          hiddenBy: null,
          alsoStart: [
            { flowId: 'a', name: 'Retail: off-hours auto-reply', order: 'before', exclusive: false },
            { flowId: 'b', name: 'Retail: request intake', order: 'after', exclusive: true },
          ],
        }}
      />,
    );
    const items = screen.getAllByRole('listitem').map((item) => item.textContent);
    expect(items).toEqual([
      'Retail: off-hours auto-reply · earlier in the order',
      'Retail: request intake · later in the order · exclusive: later flows skip what it handles',
    ]);
  });

  it('warns in Chinese when an earlier exclusive flow takes every request first', () => {
    renderWithI18n(
      <PublishOverlaps
        loading={false}
        report={{ hiddenBy: { flowId: 'x', name: '零售：请求受理' }, alsoStart: [] }}
      />,
      'zh-CN',
    );
    expect(screen.getByRole('alert').textContent).toBe(
      '排在前面的独占流程「零售：请求受理」会先处理所有这些请求，此流程将不会开始。',
    );
  });

  it('names a template flow in the interface language, as the flow list does', () => {
    const localizedName = { 'zh-CN': '零售：请求受理与分流', en: 'Retail: request intake' };
    renderWithI18n(
      <PublishOverlaps
        loading={false}
        report={{
          hiddenBy: null,
          alsoStart: [
            { flowId: 'b', name: '零售：请求受理与分流', localizedName, order: 'before', exclusive: true },
          ],
        }}
      />,
    );
    expect(screen.getByRole('listitem').textContent).toBe(
      'Retail: request intake · earlier in the order · exclusive: later flows skip what it handles',
    );
  });

  it('says so when no other live flow handles the same requests', () => {
    renderWithI18n(<PublishOverlaps loading={false} report={{ hiddenBy: null, alsoStart: [] }} />);
    expect(screen.getByText('No other live flow handles the same requests.')).toBeTruthy();
  });
});
