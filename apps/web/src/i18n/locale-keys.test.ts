import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { COMBINATORS, LOCALES, NODE_CATEGORIES } from '@flowdesk/model';
import { describe, expect, it } from 'vitest';
// The settings forms are declared by the server beside each channel's settings (channels.forms).
import { CHANNEL_FORMS } from '../../../server/src/channels/channel-settings.schema.ts';
import { SIDE_TABS } from '../editor/side-tabs.ts';
import { SHORTCUTS } from '../editor/use-editor-shortcuts.ts';
import { EXECUTION_STATUS_VALUES } from '../executions/execution-status.ts';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, auditActionKey } from '../settings/audit-actions.ts';
import { createI18n } from './i18n.ts';

/** Every literal `t('…')` key in the app, so a typo or a missing translation fails here, not on screen. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry) && !entry.includes('.test.') ? [path] : [];
  });
}

const SRC = join(import.meta.dirname, '..');
/** Keys built at run time from a list of values. */
const builtKeys = [
  ...SHORTCUTS.map((shortcut) => `shortcuts.${shortcut.id}`),
  ...EXECUTION_STATUS_VALUES.map((status) => `executionStatus.${status}`),
  ...NODE_CATEGORIES.map((category) => `palette.category.${category}`),
  ...COMBINATORS.map((combinator) => `rules.combinator.${combinator}`),
  ...['saved', 'pending', 'saving', 'conflict', 'error'].map((status) => `save.${status}`),
  ...LOCALES.map((locale) => `template.language.${locale}`),
  ...['admin', 'editor', 'agent', 'viewer'].map((role) => `roles.${role}`),
  ...SIDE_TABS.map((tab) => `editor.tab.${tab}`),
  ...['message', 'http', 'survey'].map((kind) => `testRun.effectKind.${kind}`),
  ...['running', 'passed', 'failed'].map((verdict) => `testRun.verdict.${verdict}`),
  ...['past', 'template'].map((group) => `testRun.sourceGroup.${group}`),
  ...Object.keys(CHANNEL_FORMS).flatMap((channel) => [
    `channels.name.${channel}`,
    `channels.about.${channel}`,
  ]),
  ...Object.entries(CHANNEL_FORMS).flatMap(([channel, fields]) =>
    fields.map((field) => `channels.field.${channel}.${field.key}`),
  ),
  ...['added', 'removed', 'changed'].map((mark) => `diff.mark.${mark}`),
  ...AUDIT_ACTIONS.map(auditActionKey),
  ...AUDIT_OUTCOMES.map((outcome) => `audit.outcome.${outcome}`),
  ...['user', 'api_key', 'system'].map((kind) => `audit.actorKind.${kind}`),
];

const keys = [
  ...builtKeys,
  ...new Set(
    sourceFiles(SRC).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([A-Za-z0-9_.-]+)'/g)].map((match) => match[1] ?? ''),
    ),
  ),
];

describe('UI texts', () => {
  it('finds the keys it checks', () => {
    expect(keys.length).toBeGreaterThan(100);
  });

  for (const locale of ['en', 'zh-CN'] as const) {
    it(`has every key used in the app in ${locale}`, () => {
      const i18n = createI18n(locale);
      const missing = keys.filter((key) => !i18n.exists(key, { count: 2 }) && !i18n.exists(key));
      expect(missing).toEqual([]);
    });
  }
});
