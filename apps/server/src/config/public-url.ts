/**
 * Where customers reach this server (FLOWDESK_PUBLIC_URL). Links in messages
 * (surveys, progress pages) must work from the customer's device, not only
 * here, and the cross-site check compares browsers' origins with it.
 */
export const DEFAULT_PUBLIC_URL = 'http://localhost:3000';

/** The public URL as every link is built on: the configured one or the default, without a trailing slash. */
export function resolvePublicUrl(configured: string | undefined): string {
  return (configured ?? DEFAULT_PUBLIC_URL).replace(/\/+$/, '');
}
