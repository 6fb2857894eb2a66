import { type AnyNodeType, getNodeType, isLocale, type Locale, type Port } from '@flowdesk/model';

/**
 * What the canvas needs to know about a node of some type, computed from the
 * catalog. A half-filled config must still draw, so every catalog call is
 * guarded: an invalid config falls back to the raw values, then to nothing.
 */

function parsedConfig(definition: AnyNodeType, config: unknown): { ok: boolean; value: unknown } {
  const parsed = definition.configSchema.safeParse(config);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, value: config };
}

export function portsOf(type: string, config: unknown): Port[] {
  const definition = getNodeType(type);
  if (!definition) return [];
  const { value } = parsedConfig(definition, config);
  try {
    return definition.outputPorts(value);
  } catch {
    try {
      return definition.outputPorts(parsedConfig(definition, definition.example).value);
    } catch {
      return [];
    }
  }
}

/** The card's one-line summary, or undefined while the config is not valid yet. */
export function summaryOf(type: string, config: unknown, locale: Locale): string | undefined {
  const definition = getNodeType(type);
  if (!definition) return undefined;
  const { ok, value } = parsedConfig(definition, config);
  if (!ok) return undefined;
  try {
    return definition.summarize(value, locale);
  } catch {
    return undefined;
  }
}

/** The interface language, as i18n writes it on <html lang> (see createI18n); Chinese before it is set. */
function interfaceLocale(): Locale {
  const lang = globalThis.document?.documentElement.lang;
  return isLocale(lang) ? lang : 'zh-CN';
}

/**
 * A fresh, valid config for a node dropped from the palette: the catalog's
 * documented example, with the texts an admin reads (a Classify step's
 * category names) in the interface language.
 */
export function defaultConfig(type: string, locale: Locale = interfaceLocale()): Record<string, unknown> {
  const definition = getNodeType(type);
  const example = definition?.exampleIn ? definition.exampleIn(locale) : definition?.example;
  return example && typeof example === 'object' ? structuredClone(example as Record<string, unknown>) : {};
}
