import type { TemplateSetting } from './template.schema.ts';

/**
 * Template flows leave a few values to the business (the order system's URL,
 * the amount that needs a person) as `[[key]]` placeholders. They are filled in
 * once, when the template is applied; the result is an ordinary flow the admin
 * can keep editing. A string that is exactly one placeholder takes the
 * setting's type (a number stays a number for a rule like "amount > 1000").
 */

export type SettingValues = Readonly<Record<string, string | number>>;

const PLACEHOLDER_RE = /\[\[([A-Za-z][A-Za-z0-9]*)\]\]/g;
const WHOLE_RE = /^\[\[([A-Za-z][A-Za-z0-9]*)\]\]$/;

/** The placeholders a JSON value uses, e.g. from a flow file. */
export function placeholdersIn(value: unknown): Set<string> {
  const found = new Set<string>();
  walk(value, (text) => {
    for (const match of text.matchAll(PLACEHOLDER_RE)) found.add(match[1] as string);
    return text;
  });
  return found;
}

/** A copy of the value with every known placeholder filled in. */
export function fillPlaceholders<T>(value: T, values: SettingValues): T {
  return walk(value, (text) => {
    const whole = WHOLE_RE.exec(text);
    if (whole && (whole[1] as string) in values) return values[whole[1] as string] as string | number;
    return text.replace(PLACEHOLDER_RE, (match, key: string) =>
      key in values ? String(values[key]) : match,
    );
  }) as T;
}

function walk(value: unknown, onText: (text: string) => string | number): unknown {
  if (typeof value === 'string') return onText(value);
  if (Array.isArray(value)) return value.map((item) => walk(item, onText));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, onText)]));
  }
  return value;
}

/**
 * The value of every setting: given ones first, then the demo address when the
 * server runs the demo (its own built-in services), then the default.
 */
export function settingValues(
  settings: readonly TemplateSetting[],
  given: Readonly<Record<string, string>> = {},
  demoBaseUrl?: string,
): { ok: true; values: Record<string, string | number> } | { ok: false; key: string } {
  const values: Record<string, string | number> = {};
  for (const setting of settings) {
    const raw = given[setting.key];
    if (raw !== undefined) {
      const parsed = parseSetting(setting, raw);
      if (parsed === undefined) return { ok: false, key: setting.key };
      values[setting.key] = parsed;
    } else if (setting.kind === 'url' && demoBaseUrl && setting.demoPath) {
      values[setting.key] = `${demoBaseUrl.replace(/\/+$/, '')}${setting.demoPath}`;
    } else {
      values[setting.key] = setting.default;
    }
  }
  return { ok: true, values };
}

function parseSetting(setting: TemplateSetting, raw: string): string | number | undefined {
  const value = raw.trim();
  switch (setting.kind) {
    case 'number': {
      const number = Number(value);
      return value !== '' && Number.isFinite(number) ? number : undefined;
    }
    case 'url':
      // The value is pasted into a URL template, so it must not carry template syntax of its own.
      return /^https?:\/\/[^\s{}[\]]+$/i.test(value) ? value.replace(/\/+$/, '') : undefined;
    case 'email':
      return /^[^\s@{}[\]]+@[^\s@{}[\]]+\.[^\s@{}[\]]+$/.test(value) ? value : undefined;
  }
}
