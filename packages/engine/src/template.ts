import { Drop, type FS, Liquid, type Template } from 'liquidjs';
import { readField, writeField } from './field-path.ts';
import { type Locale, type LocalizedTemplate, type MessageParams, scanTemplate } from './model-imports.ts';

/**
 * Message templates (`您好 {{ customer.name }}`) rendered with LiquidJS, locked
 * down: own properties only, unknown filters are errors, no file access (so no
 * include/render/layout), and limits on template size, render time and memory.
 * Data values are output as text and never parsed again, so whatever a
 * customer writes (`{{ 7*7 }}`) comes out exactly as written.
 */
export interface TemplateOptions {
  readonly locale: Locale;
  /** Timezone for the `date` filter; UTC unless given, never the server's own zone. */
  readonly timezone?: string;
  /**
   * Escapes every `{{ }}` value for where the text is going; the template's
   * own text is left alone. `url-component` percent-encodes a value as one
   * part of a URL, so a customer's `../admin?x=` stays inside its path
   * segment; `json-string` escapes it for use inside a JSON string, so a `"`
   * cannot end the string and add fields. `| raw` as the last filter opts out.
   */
  readonly escape?: OutputEscape;
}

export type OutputEscape = 'url-component' | 'json-string';

export interface RenderedTemplate {
  readonly text: string;
  /**
   * Fields the template names that the data lacks. Each renders as nothing (or
   * as the `| default:` the template gives), so the text is exactly what its
   * reader gets; this list is for traces, test runs and warnings only.
   */
  readonly missing: string[];
}

/** Which of LiquidJS's limits (parseLimit, memoryLimit, renderLimit below) a template ran into. */
export type TemplateLimit = 'parse' | 'memory' | 'render';

const LIMIT_MESSAGES: ReadonlyArray<readonly [string, TemplateLimit]> = [
  ['parse length limit exceeded', 'parse'],
  ['memory alloc limit exceeded', 'memory'],
  ['template render limit exceeded', 'render'],
];

/** The template itself is broken or exceeded a limit (`limit` says which); the node using it fails. */
export class TemplateRenderError extends Error {
  readonly limit: TemplateLimit | undefined;
  constructor(detail: string) {
    super(detail);
    this.name = 'TemplateRenderError';
    this.limit = LIMIT_MESSAGES.find(([text]) => detail.includes(text))?.[1];
  }
}

/** What a step that could not render its template reports: a limit says which, anything else the detail. */
export function templateFailure(error: TemplateRenderError): {
  readonly code: 'engine.template_limit' | 'engine.template_failed';
  readonly params: MessageParams;
} {
  if (error.limit) return { code: 'engine.template_limit', params: { limit: error.limit } };
  return { code: 'engine.template_failed', params: { detail: error.message } };
}

/**
 * Stands in for a missing field so filters can tell it from a real value: it is
 * empty for `if` and `default` and outputs as nothing. Never `[path]`: that
 * text would reach customers and ticket titles as if it were data.
 */
class MissingField extends Drop {
  constructor(readonly path: string) {
    super();
  }
  override valueOf(): undefined {
    return undefined;
  }
}

const VISIBLE_TAIL = 4;

/** Shows only the last four characters: `13812345678` → `*******5678`. Short values are hidden whole. */
export function maskText(value: string): string {
  const characters = Array.from(value);
  const visible = characters.length > VISIBLE_TAIL ? characters.slice(-VISIBLE_TAIL) : [];
  return '*'.repeat(characters.length - visible.length) + visible.join('');
}

function refuse(): never {
  throw new TemplateRenderError('templates cannot read files');
}

const NO_FILES: FS = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async () => refuse(),
  readFileSync: () => refuse(),
  resolve: (_dir, file) => file,
};

/** Liquid's own way of turning an output value into text, before it is escaped. */
function outputText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(outputText).join('');
  return String(value);
}

const ESCAPES: Record<OutputEscape | 'none', (text: string) => string> = {
  none: (text) => text,
  'url-component': (text) => encodeURIComponent(text),
  'json-string': (text) => JSON.stringify(text).slice(1, -1),
};

function createEngine(locale: Locale, timezone: string, escaping: OutputEscape | 'none'): Liquid {
  const encode = ESCAPES[escaping];
  const liquid = new Liquid({
    ownPropertyOnly: true,
    strictFilters: true,
    strictVariables: false,
    fs: NO_FILES,
    root: [],
    partials: [],
    relativeReference: false,
    dynamicPartials: false,
    locale,
    timezoneOffset: timezone,
    parseLimit: 20_000,
    renderLimit: 200,
    memoryLimit: 1_000_000,
    // Without an escape other values pass through unchanged; Liquid turns them into text afterwards.
    outputEscape: (value: unknown): string => {
      if (value instanceof MissingField) return '';
      return escaping === 'none' ? (value as string) : encode(outputText(value));
    },
  });
  liquid.registerFilter('mask', (value: unknown) => {
    if (value instanceof MissingField) return value;
    if (value === undefined || value === null) return '';
    return maskText(String(value));
  });
  for (const tag of ['include', 'render', 'layout']) {
    liquid.registerTag(tag, {
      parse: () => {
        throw new TemplateRenderError(`the {% ${tag} %} tag is not available in messages`);
      },
      render: () => '',
    });
  }
  return liquid;
}

const ENGINES = new Map<string, Liquid>();
const PARSED = new Map<string, Template[]>();
const MAX_CACHED_TEMPLATES = 1000;

function engineFor(locale: Locale, timezone: string, escaping: OutputEscape | 'none'): Liquid {
  const key = `${locale}|${timezone}|${escaping}`;
  let liquid = ENGINES.get(key);
  if (!liquid) {
    liquid = createEngine(locale, timezone, escaping);
    ENGINES.set(key, liquid);
  }
  return liquid;
}

function parse(liquid: Liquid, cacheKey: string, template: string): Template[] {
  let parsed = PARSED.get(cacheKey);
  if (!parsed) {
    parsed = liquid.parse(template);
    if (PARSED.size >= MAX_CACHED_TEMPLATES) PARSED.clear();
    PARSED.set(cacheKey, parsed);
  }
  return parsed;
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null;
}

export function renderTemplate(template: string, data: object, options: TemplateOptions): RenderedTemplate {
  const timezone = options.timezone ?? 'UTC';
  const missing = [...new Set(scanTemplate(template).paths)].filter((path) =>
    isMissing(readField(data, path)),
  );
  let scope: object = data;
  if (missing.length > 0) {
    const copy = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
    for (const path of missing) writeField(copy, path, new MissingField(path));
    scope = copy;
  }
  try {
    const escaping = options.escape ?? 'none';
    const liquid = engineFor(options.locale, timezone, escaping);
    // The escape is built into the parsed template, so it is part of the cache key.
    const parsed = parse(liquid, `${options.locale}|${timezone}|${escaping}|${template}`, template);
    return { text: String(liquid.renderSync(parsed, scope)), missing };
  } catch (error) {
    if (error instanceof TemplateRenderError) throw error;
    const detail = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    throw new TemplateRenderError(detail);
  }
}

/**
 * Renders the customer's language version of a per-locale template (send
 * message, survey question), falling back to the other language when that one
 * was left empty. `locale` in the result says which one was used.
 */
export function renderLocalizedTemplate(
  template: LocalizedTemplate,
  data: object,
  options: TemplateOptions,
): RenderedTemplate & { readonly locale: Locale } {
  const fallback: Locale = options.locale === 'zh-CN' ? 'en' : 'zh-CN';
  const locale = template[options.locale]?.trim() ? options.locale : fallback;
  return { ...renderTemplate(template[locale] ?? '', data, { ...options, locale }), locale };
}
