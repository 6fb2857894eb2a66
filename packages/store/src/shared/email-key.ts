/** Uniqueness of emails ignores case, including non-ASCII letters. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}
