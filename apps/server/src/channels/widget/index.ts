import type { ChannelModule } from '../channel-module.ts';
import { widgetRoutes } from './widget.routes.ts';
import { widgetSettings } from './widget-settings.ts';

/** The website widget: its chat and its request form; replies appear in its conversation live. */
export const widgetChannel = {
  id: 'widget',
  requestChannels: ['chat', 'web_form'],
  settings: widgetSettings,
  routes: widgetRoutes,
} as const satisfies ChannelModule<'widget'>;
