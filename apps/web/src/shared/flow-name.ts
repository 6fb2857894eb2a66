import type { Locale, LocalizedText } from '@flowdesk/model';

/** What the web app knows of a flow's names: `name`, and both languages' when it has them (see FlowRecord). */
export interface NamedFlow {
  readonly name: string;
  readonly localizedName?: Partial<LocalizedText>;
}

/** The flow's name in the interface language when it has one (flows installed from a template), else `name`. */
export function flowDisplayName(flow: NamedFlow, locale: Locale): string {
  return flow.localizedName?.[locale]?.trim() || flow.name;
}

/** Every name a flow is known by, so a search in either language finds it. */
export function flowNames(flow: NamedFlow): string[] {
  return [
    flow.name,
    ...Object.values(flow.localizedName ?? {}).filter((name): name is string => Boolean(name)),
  ];
}
