import { CHANNELS, type Channel, type FlowGraph } from '@flowdesk/model';
import { SAMPLE_DATA } from '../inspector/sample-data.ts';

/**
 * What a test run starts from, as the panel's form holds it, and how it turns
 * into the trigger data `flows.testRun` takes. Kept apart from the components
 * so the mapping is tested without a DOM.
 */

export interface CustomFieldRow {
  key: string;
  value: string;
}

export type TestSample =
  | {
      kind: 'request';
      channel: Channel;
      name: string;
      phone: string;
      email: string;
      subject: string;
      message: string;
      customFields: CustomFieldRow[];
    }
  /** Any other trigger: the data it would bring, typed as JSON. */
  | { kind: 'event'; json: string };

/** The trigger data: one object per data source (request, customer, ticket…). */
export type TestRunData = { [source: string]: Record<string, unknown> };

export type SampleProblem = 'message_required' | 'invalid_json' | 'not_object';

export type SampleData = { ok: true; data: TestRunData } | { ok: false; problem: SampleProblem };

export const REQUEST_TRIGGER = 'trigger.request_received';
/** Stands in for the id the server gives a real request; nothing is stored under it. */
export const TEST_REQUEST_ID = 'test-request';

/** The type of the flow's trigger, if it has one. */
export function triggerTypeOf(graph: FlowGraph): string | undefined {
  return graph.nodes.find((node) => node.type.startsWith('trigger.'))?.type;
}

export function sampleKindFor(triggerType: string | undefined): TestSample['kind'] {
  return triggerType === undefined || triggerType === REQUEST_TRIGGER ? 'request' : 'event';
}

/** Event data a trigger of this type typically brings, as a starting point to edit. */
function defaultEventData(triggerType: string | undefined): TestRunData {
  const { customer, ticket, survey, anomaly } = SAMPLE_DATA;
  switch (triggerType) {
    case 'trigger.ticket_event':
      return { ticket: { ...ticket }, customer: { ...customer } };
    case 'trigger.survey_answered':
      return { survey: { ...survey }, ticket: { ...ticket }, customer: { ...customer } };
    case 'trigger.schedule':
      return { schedule: {} };
    case 'trigger.anomaly_detected':
      return { anomaly: { ...anomaly, kindLabel: { ...anomaly.kindLabel } } };
    default:
      return { event: { name: 'order.shipped', payload: {} }, customer: { ...customer } };
  }
}

export function emptySample(triggerType: string | undefined): TestSample {
  if (sampleKindFor(triggerType) === 'event') {
    return { kind: 'event', json: JSON.stringify(defaultEventData(triggerType), null, 2) };
  }
  return {
    kind: 'request',
    channel: CHANNELS.values[0],
    name: '',
    phone: '',
    email: '',
    subject: '',
    message: '',
    customFields: [],
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The trigger data for a sample, shaped like what the REST intake hands a
 * flow (so conditions on `request.customer.name` or custom fields behave the
 * same). Empty optional fields are left out rather than sent as "".
 */
export function sampleToData(sample: TestSample, receivedAt: string): SampleData {
  switch (sample.kind) {
    case 'request': {
      if (!sample.message.trim()) return { ok: false, problem: 'message_required' };
      const customer: Record<string, string> = {};
      if (sample.name.trim()) customer.name = sample.name.trim();
      if (sample.phone.trim()) customer.phone = sample.phone.trim();
      if (sample.email.trim()) customer.email = sample.email.trim();
      const customFields: Record<string, string> = {};
      for (const row of sample.customFields) {
        if (row.key.trim()) customFields[row.key.trim()] = row.value;
      }
      return {
        ok: true,
        data: {
          request: {
            id: TEST_REQUEST_ID,
            channel: sample.channel,
            customer,
            ...(sample.subject.trim() ? { subject: sample.subject.trim() } : {}),
            message: sample.message,
            attachments: [],
            customFields,
            metadata: {},
            receivedAt,
          },
        },
      };
    }
    case 'event': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(sample.json);
      } catch {
        return { ok: false, problem: 'invalid_json' };
      }
      if (!isPlainObject(parsed) || !Object.values(parsed).every(isPlainObject)) {
        return { ok: false, problem: 'not_object' };
      }
      return { ok: true, data: parsed as TestRunData };
    }
  }
}

/** Reads a sample back from storage; anything malformed is dropped rather than trusted. */
export function parseSample(value: unknown): TestSample | undefined {
  if (!isPlainObject(value)) return undefined;
  if (value.kind === 'event') {
    return typeof value.json === 'string' ? { kind: 'event', json: value.json } : undefined;
  }
  if (value.kind !== 'request') return undefined;
  const str = (key: string) => (typeof value[key] === 'string' ? (value[key] as string) : '');
  const channel = (CHANNELS.values as readonly string[]).includes(str('channel'))
    ? (str('channel') as Channel)
    : CHANNELS.values[0];
  const rows = Array.isArray(value.customFields) ? value.customFields : [];
  return {
    kind: 'request',
    channel,
    name: str('name'),
    phone: str('phone'),
    email: str('email'),
    subject: str('subject'),
    message: str('message'),
    customFields: rows.filter(isPlainObject).map((row) => ({
      key: typeof row.key === 'string' ? row.key : '',
      value: typeof row.value === 'string' ? row.value : '',
    })),
  };
}
