import type { LocalizedText } from '@flowdesk/model';
import type { Store, Survey, Ticket } from '@flowdesk/store';

/** The flow (and pinned version) whose execution sent a survey. */
export interface SurveyFlow {
  flowId: string;
  name: LocalizedText;
  version: number;
}

/**
 * What survey results and the quality review show beside an answer: its
 * ticket, that ticket's team and assignee by name, and the flow that sent it.
 * Each is read once per request however many answers point at it.
 */
export interface SurveyLookups {
  ticket(survey: Survey): Promise<Ticket | null>;
  flow(survey: Survey): Promise<SurveyFlow | null>;
  teamName(teamId: string): Promise<LocalizedText>;
  agentName(agentId: string): Promise<string>;
}

function cached<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const seen = new Map<string, Promise<T>>();
  return (key) => {
    let value = seen.get(key);
    if (!value) {
      value = load(key);
      seen.set(key, value);
    }
    return value;
  };
}

const same = (name: string): LocalizedText => ({ 'zh-CN': name, en: name });

export function surveyLookups(store: Store): SurveyLookups {
  const ticket = cached((id) => store.tickets.get(id));
  const flowName = cached(async (flowId): Promise<LocalizedText> => {
    const flow = await store.flows.get(flowId);
    if (!flow) return same(flowId);
    return flow.localizedName ?? same(flow.name);
  });
  const flow = cached(async (executionId): Promise<SurveyFlow | null> => {
    const execution = await store.executions.get(executionId);
    if (!execution) return null;
    return { flowId: execution.flowId, name: await flowName(execution.flowId), version: execution.version };
  });
  return {
    ticket: (survey) => (survey.ticketId ? ticket(survey.ticketId) : Promise.resolve(null)),
    flow: (survey) => (survey.executionId ? flow(survey.executionId) : Promise.resolve(null)),
    teamName: cached(async (teamId) => (await store.teams.get(teamId))?.name ?? same(teamId)),
    agentName: cached(async (agentId) => (await store.agents.get(agentId))?.name ?? agentId),
  };
}
