import { readFileSync } from 'node:fs';
import type { TrainingExample } from './classifier-model.ts';
import { readLabelledCsv } from './labelled-csv.ts';

/** Shared data for the classification tests. */

export function readFixture(url: URL): TrainingExample[] {
  const read = readLabelledCsv(readFileSync(url, 'utf8'));
  if (!read.ok) throw new Error(`fixture ${url.pathname}: ${read.problem.message.en}`);
  return [...read.examples];
}

/** The Chinese sample: 150 requests in 5 categories, written for FlowDesk. */
export function zhSample(): TrainingExample[] {
  return readFixture(new URL('./fixtures/zh-service-sample.csv', import.meta.url));
}

export const BITEXT_URL = new URL(
  '../../../../../shared/datasets/bitext_customer_service_en/data.csv',
  import.meta.url,
);

/** Small English set with three clear intents, for fast model tests. */
export const TINY_ENGLISH: readonly TrainingExample[] = [
  ...[
    'where is my parcel',
    'track my package please',
    'my delivery has not arrived',
    'when will my parcel arrive',
    'package tracking number',
    'delivery status of my package',
    'the courier has not delivered',
    'has my parcel shipped yet',
  ].map((text) => ({ text, label: 'delivery' })),
  ...[
    'I want my money back',
    'refund my payment',
    'how do I get a refund',
    'please return my money',
    'refund for the broken item',
    'I was charged twice refund me',
    'money back guarantee refund',
    'when will the refund reach my card',
  ].map((text) => ({ text, label: 'refund' })),
  ...[
    'I forgot my password',
    'reset my password',
    'cannot log in to my account',
    'password reset link not working',
    'locked out of my account',
    'change my login password',
    'my account password expired',
    'how to recover my account password',
  ].map((text) => ({ text, label: 'account' })),
];
