import { Drop, type FS, Liquid, type Template } from 'liquidjs';
import { readField, writeField } from './field-path.ts';
import { type Locale, type LocalizedTemplate, scanTemplate } from './model-imports.ts';

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
}

export interface RenderedTemplate {
  readonly text: string;
  /** Fields the template names that the data lacks; each is shown as `[path]` in the text. */
  readonly missing: string[];
}

/** The template itself is broken or exceeded a limit; the node using it fails. */
export class TemplateRenderError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'TemplateRenderError';
  }
}

/** Stands in for a missing field: empty for `if` and `default`, `[path]` when output. */
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

function createEngine(locale: Locale, timezone: string): Liquid {
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
    // Other values pass through unchanged; Liquid turns them into text afterwards.
    outputEscape: (value: unknown): string =>
      value instanceof MissingField ? `[${value.path}]` : (value as string),
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

function engineFor(locale: Locale, timezone: string): Liquid {
  const key = `${locale}|${timezone}`;
  let liquid = ENGINES.get(key);
  if (!liquid) {
    liquid = createEngine(locale, timezone);
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
    const liquid = engineFor(options.locale, timezone);
    const parsed = parse(liquid, `${options.locale}|${timezone}|${template}`, template);
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
