import type { IncomingHttpHeaders } from 'node:http';

/**
 * Is a state-changing call (a tRPC mutation, or a query that writes such as
 * `flows.exportFile`, which records an audit entry) coming from a page of
 * another site? For a query this is what stops a link on another site from
 * planting entries: a top-level navigation sends no Origin but
 * `Sec-Fetch-Site: cross-site`, refused by rule 2. The session cookie is SameSite=Lax and tRPC wants JSON, which already
 * stops classic form posts; this is the belt to those braces, and it also
 * covers same-site attackers (another subdomain of ours), which SameSite does
 * not.
 *
 * The rule, in order:
 * 1. An `Origin` header must name this server: its host equals the request's
 *    Host (the browser sets both; the scheme is not compared because a TLS
 *    proxy may talk plain HTTP to us), or it equals the origin of the
 *    configured public URL. `Origin: null` (sandboxed frames, odd redirects)
 *    never matches.
 * 2. Without Origin, `Sec-Fetch-Site` must be `same-origin` or `none` (typed
 *    by the user); `same-site` and `cross-site` are refused.
 * 3. With neither header the caller is not a current browser (they send
 *    Origin on every POST and Sec-Fetch-Site on every request): scripts,
 *    curl, server-to-server calls. They are let through, since a forged
 *    request needs a browser to carry someone's cookie, and no browser can be
 *    made to drop both headers.
 */
export type CrossSiteVerdict = { crossSite: false } | { crossSite: true; reason: 'origin' | 'fetch_site' };

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function crossSiteVerdict(headers: IncomingHttpHeaders, publicUrl: string): CrossSiteVerdict {
  const origin = single(headers.origin);
  if (origin !== undefined) {
    const host = single(headers.host)?.toLowerCase();
    const parsed = origin === 'null' ? undefined : originOf(origin);
    const sameHost = parsed !== undefined && host !== undefined && new URL(parsed).host === host;
    const isPublic = parsed !== undefined && parsed === originOf(publicUrl);
    return sameHost || isPublic ? { crossSite: false } : { crossSite: true, reason: 'origin' };
  }
  const site = single(headers['sec-fetch-site'])?.toLowerCase();
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { crossSite: true, reason: 'fetch_site' };
  }
  return { crossSite: false };
}
