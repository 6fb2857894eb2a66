import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n.ts';
import { activeEntry, DIRECT_LIMIT, groupsFor, NAV_GROUPS, type NavItem, navLayout } from './nav-sections.ts';

/** The row as a person reads it: links by address, menus as `Group▾[their links]`. */
const row = (role: string) =>
  navLayout(role).map((item: NavItem) =>
    item.kind === 'link'
      ? item.entry.to
      : `${item.group.id}▾[${item.group.entries.map((e) => e.to).join(' ')}]`,
  );

const allowed = (role: string) => groupsFor(role).flatMap((group) => group.entries.map((entry) => entry.to));

describe('the navigation per role', () => {
  it('shows each role only the sections whose pages it may use', () => {
    expect(allowed('admin')).toEqual([
      '/inbox',
      '/tickets',
      '/approvals',
      '/dashboard',
      '/supervisor',
      '/surveys',
      '/flows',
      '/templates',
      '/executions',
      '/knowledge',
      '/settings',
    ]);
    // Agents cannot list flows or templates, nor read KPIs, surveys or the supervisor view.
    expect(allowed('agent')).toEqual([
      '/inbox',
      '/tickets',
      '/approvals',
      '/executions',
      '/knowledge',
      '/settings',
    ]);
    expect(allowed('supervisor')).toEqual([
      '/inbox',
      '/tickets',
      '/approvals',
      '/dashboard',
      '/supervisor',
      '/surveys',
      '/executions',
      '/knowledge',
      '/settings',
    ]);
    expect(allowed('editor')).toEqual([
      '/tickets',
      '/dashboard',
      '/surveys',
      '/flows',
      '/templates',
      '/executions',
      '/knowledge',
      '/settings',
    ]);
    expect(allowed('viewer')).toEqual(['/tickets', '/flows', '/executions', '/settings']);
    expect(allowed('stranger')).toEqual([]);
  });

  it('keeps an agent’s and a viewer’s few entries as links of their own', () => {
    expect(row('agent')).toEqual([
      '/inbox',
      '/tickets',
      '/approvals',
      '/executions',
      '/knowledge',
      '/settings',
    ]);
    expect(row('viewer')).toEqual(['/tickets', '/flows', '/executions', '/settings']);
    expect(allowed('agent').length).toBeLessThanOrEqual(DIRECT_LIMIT);
  });

  it('folds the groups a role does not live in into menus, its home group first and Settings last', () => {
    expect(row('admin')).toEqual([
      '/flows',
      '/templates',
      '/executions',
      '/knowledge',
      'work▾[/inbox /tickets /approvals]',
      'insights▾[/dashboard /supervisor /surveys]',
      '/settings',
    ]);
    expect(row('supervisor')).toEqual([
      '/inbox',
      '/tickets',
      '/approvals',
      'insights▾[/dashboard /supervisor /surveys]',
      'build▾[/executions /knowledge]',
      '/settings',
    ]);
    // The editor's Work group holds only Tickets: a menu of one would hide it for nothing.
    expect(row('editor')).toEqual([
      '/flows',
      '/templates',
      '/executions',
      '/knowledge',
      '/tickets',
      'insights▾[/dashboard /surveys]',
      '/settings',
    ]);
  });

  it('names every entry and group in both languages', () => {
    const keys = NAV_GROUPS.flatMap((group) => [
      group.labelKey,
      ...group.entries.map((entry) => entry.labelKey),
    ]);
    for (const locale of ['en', 'zh-CN'] as const) {
      const i18n = createI18n(locale);
      expect(keys.filter((key) => !i18n.exists(key))).toEqual([]);
    }
  });
});

describe('the highlighted entry', () => {
  it('follows the address, a page under a section included', () => {
    expect(activeEntry('/flows')).toBe('/flows');
    expect(activeEntry('/flows/f-1/diff/1/2')).toBe('/flows');
    expect(activeEntry('/executions/e-9')).toBe('/executions');
    expect(activeEntry('/surveys')).toBe('/surveys');
    expect(activeEntry('/flowsy')).toBeUndefined();
  });

  it('on a ticket page, is the list the ticket was opened from', () => {
    expect(activeEntry('/tickets/t-1', '/inbox')).toBe('/inbox');
    expect(activeEntry('/tickets/t-1', '/supervisor')).toBe('/supervisor');
    expect(activeEntry('/tickets/t-1', '/tickets')).toBe('/tickets');
  });
});
