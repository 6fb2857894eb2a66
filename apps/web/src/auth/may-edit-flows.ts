/**
 * Who may change flows (switch them on or off, reorder them): the server's
 * ROLES.flowEditors, admins and editors. Viewers see the state, not working controls.
 */
const FLOW_EDITOR_ROLES: readonly string[] = ['admin', 'editor'];

export function mayEditFlows(role: string | undefined): boolean {
  return role !== undefined && FLOW_EDITOR_ROLES.includes(role);
}
