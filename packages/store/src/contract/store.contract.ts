import { describe } from 'vitest';
import type { Store } from '../store.port.ts';
import { describeAccessContract } from './access.contract.ts';
import { describeAnalyticsContract } from './analytics.contract.ts';
import { describeAnomalyContract } from './anomalies.contract.ts';
import { describeApprovalContract } from './approvals.contract.ts';
import { describeAuditContract } from './audit.contract.ts';
import { describeChannelContract } from './channels.contract.ts';
import { describeClassifierContract } from './classifier.contract.ts';
import { type StoreContractOptions, useContractStore } from './contract-context.ts';
import { describeCustomerSearchContract } from './customer-search.contract.ts';
import { describeCustomerContract } from './customers.contract.ts';
import { describeExecutionSearchContract } from './execution-search.contract.ts';
import { describeExecutionContract } from './executions.contract.ts';
import { describeFlowAnalyticsContract } from './flow-analytics.contract.ts';
import { describeFlowTestCaseContract } from './flow-test-cases.contract.ts';
import { describeFlowContract } from './flows.contract.ts';
import { describeJobContract } from './jobs.contract.ts';
import { describeKeysAndCountersContract } from './keys-counters.contract.ts';
import { describeKnowledgeContract } from './knowledge.contract.ts';
import { describeNotificationContract } from './notifications.contract.ts';
import { describePeopleContract } from './people.contract.ts';
import { describeProgressLinkContract } from './progress-links.contract.ts';
import { describeRetentionContract } from './retention.contract.ts';
import { describeShadowReportContract } from './shadow-reports.contract.ts';
import { describeShadowRunContract } from './shadow-runs.contract.ts';
import { describeSurveyResultsContract } from './survey-results.contract.ts';
import { describeTeamContract } from './teams.contract.ts';
import { describeTicketWorkloadContract } from './ticket-workload.contract.ts';
import { describeTicketContract } from './tickets.contract.ts';
import { describeTransactionContract } from './transaction.contract.ts';
import { describeWaitSubscriptionContract } from './wait-subscriptions.contract.ts';

export type { StoreContractOptions } from './contract-context.ts';

/**
 * The behaviour every store adapter must show. Each test gets a fresh, empty
 * store from openFresh and closes it afterwards.
 */
export function describeStoreContract(
  name: string,
  openFresh: () => Promise<Store>,
  options: StoreContractOptions = {},
): void {
  describe(`${name} store contract`, () => {
    const ctx = useContractStore(openFresh, options);
    describeFlowContract(ctx);
    describeExecutionContract(ctx);
    describeExecutionSearchContract(ctx);
    describeJobContract(ctx);
    describeRetentionContract(ctx);
    describeKeysAndCountersContract(ctx);
    describeAccessContract(ctx);
    describeTransactionContract(ctx);
    describeCustomerContract(ctx);
    describeTicketContract(ctx);
    describeTicketWorkloadContract(ctx);
    describeTeamContract(ctx);
    describeKnowledgeContract(ctx);
    describeNotificationContract(ctx);
    describeSurveyResultsContract(ctx);
    describeClassifierContract(ctx);
    describeChannelContract(ctx);
    describeWaitSubscriptionContract(ctx);
    describeAuditContract(ctx);
    describeProgressLinkContract(ctx);
    describeFlowTestCaseContract(ctx);
    describeShadowReportContract(ctx);
    describeShadowRunContract(ctx);
    describeCustomerSearchContract(ctx);
    describePeopleContract(ctx);
    describeApprovalContract(ctx);
    describeAnalyticsContract(ctx);
    describeAnomalyContract(ctx);
    describeFlowAnalyticsContract(ctx);
  });
}
