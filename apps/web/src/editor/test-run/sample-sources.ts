import { CHANNELS, type Channel } from '@flowdesk/model';
import type { TestCustomerInput } from './test-customer.ts';
import { REQUEST_TRIGGER, type TestSample } from './test-sample.ts';

/**
 * Where a test sample can come from besides the form: a request the flow
 * really received (an execution's trigger data) or a template's sample. The
 * editor supplies the options; the panel only lists and loads them.
 */
export interface SampleSourceOption {
  id: string;
  /** Which list it belongs to, for the picker's groups. */
  group: 'past' | 'template';
  label: string;
  load(): Promise<TestSample | undefined>;
  /** Who the sample comes from (a template sample's customer); absent: someone new. */
  customer?: TestCustomerInput | undefined;
}

export type SampleSourceProvider = () => Promise<SampleSourceOption[]>;

function objectAt(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The sources each trigger type starts with; activity outputs added later are left out. */
const TRIGGER_SOURCES: Record<string, readonly string[]> = {
  'trigger.ticket_event': ['ticket', 'customer'],
  'trigger.survey_answered': ['survey', 'ticket', 'customer'],
  'trigger.schedule': ['schedule'],
  'trigger.external_event': ['event', 'customer'],
  'trigger.anomaly_detected': ['anomaly'],
};

/**
 * A sample from the data a real execution started with. For a request the
 * form is filled from `request` as the customer sent it; for other triggers
 * the sources that trigger brings are kept as JSON.
 */
export function sampleFromExecutionData(
  triggerType: string | undefined,
  data: unknown,
): TestSample | undefined {
  const sources = objectAt(data);
  if (!sources) return undefined;
  if (triggerType === undefined || triggerType === REQUEST_TRIGGER) {
    const request = objectAt(sources.request);
    if (!request || !text(request.message)) return undefined;
    const customer = objectAt(request.customer) ?? {};
    const channel = (CHANNELS.values as readonly string[]).includes(text(request.channel))
      ? (text(request.channel) as Channel)
      : CHANNELS.values[0];
    return {
      kind: 'request',
      channel,
      name: text(customer.name),
      phone: text(customer.phone),
      email: text(customer.email),
      subject: text(request.subject),
      message: text(request.message),
      customFields: Object.entries(objectAt(request.customFields) ?? {}).map(([key, value]) => ({
        key,
        value: String(value),
      })),
    };
  }
  const wanted = TRIGGER_SOURCES[triggerType] ?? Object.keys(sources);
  const picked = Object.fromEntries(
    wanted.flatMap((name) => (objectAt(sources[name]) ? [[name, sources[name]]] : [])),
  );
  if (Object.keys(picked).length === 0) return undefined;
  return { kind: 'event', json: JSON.stringify(picked, null, 2) };
}
