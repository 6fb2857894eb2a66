/**
 * Who may start a test run: it makes the server evaluate whatever conditions
 * and templates are on screen, so the server allows editors and admins only
 * (flows.testRun); viewers see why instead of a form that would be refused.
 */
const TEST_RUN_ROLES: readonly string[] = ['admin', 'editor'];

export function mayTestRun(role: string | undefined): boolean {
  return role !== undefined && TEST_RUN_ROLES.includes(role);
}
