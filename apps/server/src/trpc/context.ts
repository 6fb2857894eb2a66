import type { Locale } from '@flowdesk/model';
import type { User } from '@flowdesk/store';
import type { Request, Response } from 'express';
import type { AppServices } from '../app-deps.ts';
import { readCookie, resolveSession, SESSION_COOKIE } from '../auth/sessions.ts';
import { localeFromAcceptLanguage } from '../http/locale.ts';
import { crossSiteVerdict } from '../http/same-origin.ts';

/**
 * The context is split in two: createInnerContext needs no HTTP, so tests call
 * procedures through createCaller with a user of their choosing; the HTTP
 * context only reads the cookie and headers, then builds the inner one.
 */

export interface CookieOptions {
  expires: Date;
}

/** How procedures set or clear the session cookie without touching Express. */
export interface CookieJar {
  set(name: string, value: string, options: CookieOptions): void;
  clear(name: string): void;
}

export interface TrpcContext {
  services: AppServices;
  user: User | null;
  /** The signed-in user's language, else the browser's. */
  locale: Locale;
  sessionToken: string | undefined;
  ip: string;
  cookies: CookieJar;
  /** A browser page of another site sent this request (http/same-origin.ts); mutations are refused. */
  crossSite: boolean;
}

export interface InnerContextInput {
  services: AppServices;
  user?: User | null;
  locale?: Locale;
  sessionToken?: string;
  ip?: string;
  cookies?: CookieJar;
  crossSite?: boolean;
}

const ignoreCookies: CookieJar = { set: () => {}, clear: () => {} };

export function createInnerContext(input: InnerContextInput): TrpcContext {
  const user = input.user ?? null;
  return {
    services: input.services,
    user,
    locale: input.locale ?? user?.locale ?? 'en',
    sessionToken: input.sessionToken,
    ip: input.ip ?? 'local',
    cookies: input.cookies ?? ignoreCookies,
    crossSite: input.crossSite ?? false,
  };
}

export function expressCookieJar(response: Response, secure: boolean): CookieJar {
  const base = { httpOnly: true, sameSite: 'lax', secure, path: '/' } as const;
  return {
    set: (name, value, options) => response.cookie(name, value, { ...base, expires: options.expires }),
    clear: (name) => response.clearCookie(name, base),
  };
}

export async function createHttpContext(
  services: AppServices,
  { req, res }: { req: Request; res: Response },
): Promise<TrpcContext> {
  const sessionToken = readCookie(req.headers.cookie, SESSION_COOKIE);
  const user = await resolveSession(services.store, sessionToken, services.clock.now());
  return createInnerContext({
    services,
    user,
    locale: user?.locale ?? localeFromAcceptLanguage(req.headers['accept-language']),
    ...(sessionToken ? { sessionToken } : {}),
    ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    cookies: expressCookieJar(res, services.config.secureCookies),
    crossSite: crossSiteVerdict(req.headers, services.links.base).crossSite,
  });
}
