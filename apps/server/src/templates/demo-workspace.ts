import type { Store } from '@flowdesk/store';
import { type Clock, DEFAULT_WORKSPACE_ID, type Logger } from '../app-deps.ts';
import { readChannel, updateChannel } from '../channels/channel-settings.ts';
import { applyTemplate } from './template-apply.service.ts';
import { findTemplate } from './template-catalog.ts';
import { TEMPLATES_DIR } from './template-loader.ts';

/** What a first `npm start` installs so a new user sees working flows at once. */
export const DEMO_TEMPLATE_IDS = ['retail', 'manufacturing'] as const;

/**
 * Where the demo lets the chat widget run: the server's own address and a
 * test page on this machine (`python3 -m http.server 8080`). Outside the demo
 * the widget stays off until an admin names a site.
 */
export function demoWidgetOrigins(publicUrl: string): string[] {
  return [...new Set([new URL(publicUrl).origin, 'http://localhost:8080', 'http://127.0.0.1:8080'])];
}

export interface DemoSeedDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly runtime: { flowsChanged(): void };
  readonly log: Logger;
}

/**
 * Applies and publishes the demo templates, pointing their HTTP steps at the
 * server's own demo services, but only into an empty workspace: a database
 * someone already uses (even with every flow archived) is never touched.
 */
export async function seedDemoWorkspace(
  deps: DemoSeedDeps,
  options: { publicUrl: string; templatesDir?: string },
): Promise<'seeded' | 'not_empty'> {
  const flows = await deps.store.flows.list({ workspaceId: DEFAULT_WORKSPACE_ID, includeArchived: true });
  if (flows.length > 0) return 'not_empty';
  for (const id of DEMO_TEMPLATE_IDS) {
    const found = await findTemplate(id, options.templatesDir ?? TEMPLATES_DIR);
    if (!found.ok) {
      // A broken template must not keep the server from starting; the log says which and why.
      deps.log.warn('Demo template not applied', {
        template: id,
        reason: found.reason,
        problems: found.ok || found.reason === 'not_found' ? [] : found.problems.map((p) => p.message.en),
      });
      continue;
    }
    try {
      const result = await applyTemplate(deps, found.template, {
        publish: true,
        demoBaseUrl: options.publicUrl,
        actor: 'demo',
      });
      if (result.ok) deps.log.info('Demo template applied', { template: id, published: result.published });
      else deps.log.warn('Demo template not applied', { template: id, problems: result.problems.length });
    } catch (error) {
      // Two replicas starting on one empty database race here; the apply is one transaction, so the loser wrote nothing.
      deps.log.warn('Demo template not applied', { template: id, error: String(error) });
    }
  }
  await allowDemoWidgetOrigins(deps, options.publicUrl);
  return 'seeded';
}

/** Only when no site is allowed yet: an admin's own list is never replaced. */
async function allowDemoWidgetOrigins(deps: DemoSeedDeps, publicUrl: string): Promise<void> {
  const widget = await readChannel(deps.store, 'widget');
  if (widget.settings.allowedOrigins.length > 0) return;
  await updateChannel(
    deps.store,
    { channel: 'widget', settings: { allowedOrigins: demoWidgetOrigins(publicUrl) } },
    deps.clock.now(),
  );
}
