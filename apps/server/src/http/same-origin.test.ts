import { describe, expect, it } from 'vitest';
import { crossSiteVerdict } from './same-origin.ts';

const PUBLIC = 'https://desk.example.cn';

describe('crossSiteVerdict', () => {
  it('lets the web app through: Origin names the host it called, or the public URL', () => {
    expect(crossSiteVerdict({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }, PUBLIC)).toEqual({
      crossSite: false,
    });
    // Behind a TLS proxy the server sees plain HTTP, but the host still matches.
    expect(crossSiteVerdict({ host: 'Desk.Example.cn', origin: 'https://desk.example.cn' }, PUBLIC)).toEqual({
      crossSite: false,
    });
    // A proxy that rewrites Host to an internal name: the public URL still vouches.
    expect(crossSiteVerdict({ host: 'server-a:3000', origin: 'https://desk.example.cn' }, PUBLIC)).toEqual({
      crossSite: false,
    });
  });

  it('refuses an Origin of another site, a sibling subdomain, another port or null', () => {
    for (const origin of [
      'https://evil.example',
      'https://blog.example.cn',
      'http://127.0.0.1:4000',
      'null',
      'not a url',
    ]) {
      expect(crossSiteVerdict({ host: '127.0.0.1:3000', origin }, PUBLIC)).toEqual({
        crossSite: true,
        reason: 'origin',
      });
    }
  });

  it('without Origin, refuses Sec-Fetch-Site cross-site and same-site', () => {
    expect(crossSiteVerdict({ host: 'a', 'sec-fetch-site': 'cross-site' }, PUBLIC)).toEqual({
      crossSite: true,
      reason: 'fetch_site',
    });
    expect(crossSiteVerdict({ host: 'a', 'sec-fetch-site': 'same-site' }, PUBLIC)).toEqual({
      crossSite: true,
      reason: 'fetch_site',
    });
    expect(crossSiteVerdict({ host: 'a', 'sec-fetch-site': 'same-origin' }, PUBLIC)).toEqual({
      crossSite: false,
    });
  });

  it('lets a client that sends neither header through (curl, scripts): no browser drops both', () => {
    expect(crossSiteVerdict({ host: '127.0.0.1:3000' }, PUBLIC)).toEqual({ crossSite: false });
  });
});
