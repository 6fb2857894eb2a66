/**
 * The actions the server writes to the audit log, for the filter and their
 * names on screen (`audit.action.<action with _ for .>`). An action the web
 * app does not know yet is shown by its code.
 */
export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'user.create',
  'api_key.create',
  'api_key.revoke',
  'channel.update',
  'flow.publish',
  'flow.rollback',
  'flow.export',
  'flow.archive',
  'flow.unarchive',
  'flow.delete',
  'flow.enable',
  'flow.disable',
  'flow.move',
  'flow.shadow_run',
  'flow.shadow_guard',
  'agent.create',
  'agent.update',
  'team.save',
  'team.delete',
  'sla_policy.save',
  'sla_policy.delete',
  'template.install',
  'ticket.revoke_progress_links',
  'user.invite',
  'user.invitation_revoke',
  'user.invitation_accepted',
  'user.role_change',
  'user.deactivate',
  'user.reactivate',
  'user.password_reset',
  'user.password_change',
  'user.sign_out_everywhere',
  'settings.people',
  'customer.contact_reveal',
  'knowledge.publish',
  'knowledge.unpublish',
  'knowledge.delete',
  'ticket.bulk_reassign',
  'agent.set_status',
  'survey.reviewed',
  'anomaly.acknowledged',
  'anomaly.settings_saved',
] as const;

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;

/** i18next reads dots as nesting, so `flow.publish` is stored as `flow_publish`. */
export function auditActionKey(action: string): string {
  return `audit.action.${action.replace(/\./g, '_')}`;
}
