/** RFC 6901: `['customer', 'email']` → `/customer/email`; `~` and `/` inside keys are escaped. */
export function toJsonPointer(path: readonly PropertyKey[]): string {
  return path.map((key) => `/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}
