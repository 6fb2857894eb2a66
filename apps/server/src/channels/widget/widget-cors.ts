import type { RequestHandler } from 'express';
import type { AppServices } from '../../app-deps.ts';
import { AppError } from '../../http/app-error.ts';
import { type ChannelState, readChannel } from '../channel-settings.ts';

/**
 * The widget runs on customers' own sites, so its API answers cross-origin
 * calls, but only from the origins the admin listed. With none listed the
 * widget stays off (403 widget_no_allowed_origins): reflecting any Origin by
 * default let every site on the internet drive our unauthenticated intake
 * from its visitors' browsers. Nothing uses cookies: the conversation token travels in a header (or the
 * event stream's query), so credentials are never allowed.
 */

const ALLOWED_HEADERS = 'Content-Type, Authorization, Last-Event-ID';

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** An empty list allows nothing: the widget is off until an admin names a site. */
export function originAllowed(origin: string, allowedOrigins: readonly string[]): boolean {
  return allowedOrigins.some((allowed) => originOf(allowed) === origin);
}

/**
 * How long the widget channel's switch and origins are reused before being
 * read again. Every widget call (preflights and config included, which no
 * rate limit covers) checks them first, so without this each call would be a
 * store read; an admin's change takes effect within this time.
 */
export const WIDGET_CHANNEL_CACHE_MS = 2000;

interface CachedChannel {
  readAt: number;
  state: Promise<ChannelState<'widget'>>;
}

/** One cache per app, shared by the preflight handler and the routes. */
const caches = new WeakMap<AppServices, { current: CachedChannel | null }>();

/** The widget channel's state, read at most once per WIDGET_CHANNEL_CACHE_MS (by the app's clock). */
export function widgetChannel(services: AppServices): Promise<ChannelState<'widget'>> {
  let cache = caches.get(services);
  if (!cache) {
    cache = { current: null };
    caches.set(services, cache);
  }
  const now = services.clock.now().getTime();
  const current = cache.current;
  if (current && now - current.readAt >= 0 && now - current.readAt < WIDGET_CHANNEL_CACHE_MS) {
    return current.state;
  }
  const entry: CachedChannel = { readAt: now, state: readChannel(services.store, 'widget') };
  cache.current = entry;
  const holder = cache;
  // A failed read is not remembered: the next call tries again.
  entry.state.catch(() => {
    if (holder.current === entry) holder.current = null;
  });
  return entry.state;
}

/**
 * Refuses with 404 while the widget channel is off, with 403 while no origin
 * is allowed (every call, with or without an Origin header) and for an origin
 * not on the list (no CORS header, so the browser refuses too), and answers
 * preflights itself.
 */
export function widgetCors(services: AppServices): RequestHandler {
  return async (request, response, next) => {
    const channel = await widgetChannel(services);
    if (!channel.enabled) throw new AppError('not_found', 'widget_disabled');
    if (channel.settings.allowedOrigins.length === 0) {
      throw new AppError('forbidden', 'widget_no_allowed_origins');
    }
    const origin = request.get('origin');
    // The widget's calls are meant to be read by other sites' pages.
    response.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    response.setHeader('Vary', 'Origin');
    if (origin !== undefined) {
      if (!originAllowed(origin, channel.settings.allowedOrigins)) {
        throw new AppError('forbidden', 'widget_origin_refused');
      }
      response.setHeader('Access-Control-Allow-Origin', origin);
    }
    if (request.method === 'OPTIONS') {
      response.setHeader('Access-Control-Allow-Methods', 'GET, POST');
      response.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      response.setHeader('Access-Control-Max-Age', '600');
      response.status(204).end();
      return;
    }
    next();
  };
}

/** Answers the browser's preflights (POST with JSON and Authorization); other methods pass on. */
export function widgetPreflight(services: AppServices): RequestHandler {
  const cors = widgetCors(services);
  return (request, response, next) => {
    if (request.method !== 'OPTIONS') {
      next();
      return;
    }
    return cors(request, response, next);
  };
}
