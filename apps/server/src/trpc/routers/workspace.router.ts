import { DEFAULT_WORKSPACE_ID } from '../../app-deps.ts';
import { ROLES } from '../../auth/roles.ts';
import { workspaceReferences } from '../../flows/workspace-references.ts';
import { procedure, router } from '../trpc.ts';

/** What the flow editor offers in its dropdowns, from the records of the workspace. */
export const workspaceRouter = router({
  /**
   * Teams, agents, SLA policies, message templates and knowledge-base tags by
   * id and name: the same list the linter checks a flow's references against.
   */
  references: procedure
    .meta({ roles: ROLES.flowReaders })
    .query(({ ctx }) => workspaceReferences(ctx.services.store, DEFAULT_WORKSPACE_ID)),
});
