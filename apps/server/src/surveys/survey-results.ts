import { type ScoreSummary, summarizeScores } from '@flowdesk/desk';
import type { LocalizedText } from '@flowdesk/model';
import type { Survey, SurveyKind } from '@flowdesk/store';
import { type AppServices, DEFAULT_WORKSPACE_ID } from '../app-deps.ts';
import { AppError } from '../http/app-error.ts';
import { type SurveyLookups, surveyLookups } from './survey-lookups.ts';

/**
 * Survey results (issue 13, item 7): the answers of a date range grouped by the
 * flow (and version) whose execution sent the survey, or by the ticket's team
 * or agent, with each group's numbers (summarizeScores) and latest comments.
 */
export type SurveyGroupBy = 'flow' | 'team' | 'agent';

export const SURVEY_RANGE_MAX_DAYS = 366;
const LATEST_COMMENTS = 5;
const PAGE = 500;
const DAY_MS = 86_400_000;

export interface SurveyComment {
  surveyId: string;
  score: number;
  comment: string;
  answeredAt: string;
  ticketId: string | null;
  ticketNumber: string | null;
}

export interface SurveyGroup {
  /** The flow, team or agent id; null for answers without one (sent by a person, no team, unassigned). */
  id: string | null;
  name: LocalizedText | null;
  /** The flow's version, when grouped by flow. */
  version: number | null;
  summary: ScoreSummary;
  comments: SurveyComment[];
}

export interface SurveyResults {
  kind: SurveyKind;
  groupBy: SurveyGroupBy;
  from: string;
  to: string;
  total: ScoreSummary;
  comments: SurveyComment[];
  /** Most answers first. */
  groups: SurveyGroup[];
}

export interface SurveyResultsQuery {
  from: string;
  to: string;
  groupBy: SurveyGroupBy;
  kind: SurveyKind;
}

/** Refuses a reversed or too long range before anything is read. */
export function checkSurveyRange(from: string, to: string): void {
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (!(start < end)) throw new AppError('bad_request', 'survey_range_reversed', { pointer: '/to' });
  if (end - start > SURVEY_RANGE_MAX_DAYS * DAY_MS) {
    throw new AppError('bad_request', 'survey_range_too_long', {
      pointer: '/from',
      params: { days: SURVEY_RANGE_MAX_DAYS },
    });
  }
}

interface GroupKey {
  key: string;
  id: string | null;
  name: LocalizedText | null;
  version: number | null;
}

const NO_GROUP: GroupKey = { key: '', id: null, name: null, version: null };

async function groupOf(survey: Survey, groupBy: SurveyGroupBy, lookups: SurveyLookups): Promise<GroupKey> {
  switch (groupBy) {
    case 'flow': {
      const flow = await lookups.flow(survey);
      if (!flow) return NO_GROUP;
      return {
        key: `${flow.flowId}@${flow.version}`,
        id: flow.flowId,
        name: flow.name,
        version: flow.version,
      };
    }
    case 'team': {
      const team = (await lookups.ticket(survey))?.team;
      if (!team) return NO_GROUP;
      return { key: team, id: team, name: await lookups.teamName(team), version: null };
    }
    case 'agent': {
      const agent = (await lookups.ticket(survey))?.assignee;
      if (!agent) return NO_GROUP;
      const name = await lookups.agentName(agent);
      return { key: agent, id: agent, name: { 'zh-CN': name, en: name }, version: null };
    }
  }
}

async function commentOf(survey: Survey, lookups: SurveyLookups): Promise<SurveyComment> {
  return {
    surveyId: survey.id,
    score: survey.score ?? 0,
    comment: survey.comment ?? '',
    answeredAt: survey.answeredAt ?? '',
    ticketId: survey.ticketId,
    ticketNumber: (await lookups.ticket(survey))?.number ?? null,
  };
}

/** Most answers first; the answers without a flow, team or agent last; a flow's versions in order. */
function byGroupOrder(a: SurveyGroup, b: SurveyGroup): number {
  if ((a.id === null) !== (b.id === null)) return a.id === null ? 1 : -1;
  return (
    b.summary.answers - a.summary.answers ||
    (a.id ?? '').localeCompare(b.id ?? '') ||
    (a.version ?? 0) - (b.version ?? 0)
  );
}

/** Answers arrive newest first, so the first comments a group collects are its latest. */
export async function surveyResults(
  services: AppServices,
  query: SurveyResultsQuery,
): Promise<SurveyResults> {
  checkSurveyRange(query.from, query.to);
  const lookups = surveyLookups(services.store);
  const groups = new Map<string, { group: GroupKey; scores: number[]; comments: SurveyComment[] }>();
  const allScores: number[] = [];
  const latest: SurveyComment[] = [];
  let cursor: string | null = null;
  do {
    const page = await services.store.surveys.listAnswered({
      workspaceId: DEFAULT_WORKSPACE_ID,
      from: query.from,
      to: query.to,
      kind: query.kind,
      limit: PAGE,
      cursor,
    });
    for (const survey of page.items) {
      if (survey.score === null) continue;
      const group = await groupOf(survey, query.groupBy, lookups);
      const entry = groups.get(group.key) ?? { group, scores: [], comments: [] };
      groups.set(group.key, entry);
      entry.scores.push(survey.score);
      allScores.push(survey.score);
      const groupWants = entry.comments.length < LATEST_COMMENTS;
      const totalWants = latest.length < LATEST_COMMENTS * 2;
      if (survey.comment && (groupWants || totalWants)) {
        const comment = await commentOf(survey, lookups);
        if (groupWants) entry.comments.push(comment);
        if (totalWants) latest.push(comment);
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  return {
    kind: query.kind,
    groupBy: query.groupBy,
    from: query.from,
    to: query.to,
    total: summarizeScores(query.kind, allScores),
    comments: latest,
    groups: [...groups.values()]
      .map(({ group, scores, comments }) => ({
        id: group.id,
        name: group.name,
        version: group.version,
        summary: summarizeScores(query.kind, scores),
        comments,
      }))
      .sort(byGroupOrder),
  };
}
