import {
  parseSurveyJobPayload,
  type SurveyAnsweredTriggerConfig,
  surveyAnsweredMatches,
  surveyData,
  surveyTriggerData,
} from '@flowdesk/desk';
import { acceptsEvent, type CompiledFlow, type Input, start } from '@flowdesk/engine';
import type { Job, StoreRepositories, Survey } from '@flowdesk/store';
import type { DeskJobServices } from './desk-job-services.ts';
import { loadExecution, reportUnreadable } from './load-execution.ts';
import { entryAdmits } from './trigger-match.ts';

interface Waiting {
  flow: CompiledFlow;
  executionId: string;
  input: Input;
}

/**
 * The `survey.answered` job: starts the published flows whose survey_answered
 * trigger matches the answer, and resumes the execution that sent the survey
 * when it is waiting for that answer. All of it commits with the job's
 * completion, so a crash repeats the whole job and nothing twice.
 */
export class SurveyAnsweredFlows {
  constructor(private readonly services: DeskJobServices) {}

  async run(job: Job, complete: (tx: StoreRepositories) => Promise<void>): Promise<void> {
    const payload = parseSurveyJobPayload(job.payload);
    const survey = payload ? await this.services.store.surveys.get(payload.surveyId) : null;
    const live = survey
      ? await this.services.flows.withTrigger(this.services.desk.workspaceId, 'trigger.survey_answered')
      : [];
    const starting = survey
      ? live.filter((entry) =>
          surveyAnsweredMatches(entry.triggerConfig as SurveyAnsweredTriggerConfig, survey),
        )
      : [];
    const waiting = survey ? await this.waitingSender(survey) : null;
    await this.services.store.transaction(async (tx) => {
      if (survey && starting.length > 0) {
        const data = await surveyTriggerData(tx, survey, this.services.desk);
        const admitted = starting.filter((entry) =>
          entryAdmits(entry.triggerConfig, data, (error) =>
            this.services.log.warn('entry conditions could not be evaluated; the flow does not start', {
              flowId: entry.flowId,
              error: error instanceof Error ? error.message : String(error),
            }),
          ),
        );
        for (const entry of admitted) {
          const executionId = this.services.desk.ids.next();
          const now = this.services.desk.clock.now().toISOString();
          await this.services.driver.drive(
            tx,
            entry.flow,
            start(entry.flow, { data }, { now, executionId }),
            null,
          );
          this.services.log.debug('flow started by a survey answer', {
            executionId,
            flowId: entry.flow.flowId,
          });
        }
      }
      if (waiting) {
        const applied = await this.services.driver.applyInput(
          tx,
          waiting.flow,
          waiting.executionId,
          waiting.input,
        );
        if (applied.outcome === 'refused') {
          this.services.log.debug('survey answer refused by the waiting execution', {
            executionId: waiting.executionId,
            code: applied.code,
          });
        }
      }
      await complete(tx);
    });
  }

  /** The execution that sent the survey, if it is now waiting for a survey answer. */
  private async waitingSender(survey: Survey): Promise<Waiting | null> {
    if (!survey.executionId) return null;
    const record = await this.services.store.executions.get(survey.executionId);
    const loaded = record ? loadExecution(record) : null;
    if (loaded && !loaded.ok) reportUnreadable(this.services.log, loaded, 'survey answer');
    const verdict = loaded?.ok ? acceptsEvent(loaded.state, { kind: 'survey_answer' }) : null;
    if (!record || !verdict?.accepted) return null;
    const flow = await this.services.flows.version(record.flowId, record.version);
    if (!flow) return null;
    const event = { kind: 'survey_answer', name: 'survey_answer', receivedAt: survey.answeredAt };
    return {
      flow,
      executionId: record.id,
      input: { kind: 'event_received', seq: verdict.seq, event, output: { survey: surveyData(survey) } },
    };
  }
}
