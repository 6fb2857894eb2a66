import {
  ASSIGN_STRATEGIES,
  CHANNELS,
  classifyCategoriesOf,
  DURATION_UNITS,
  HTTP_METHODS,
  type Locale,
  type LocalizedText,
  MESSAGE_CHANNELS,
  PRIORITIES,
  RULE_OPERATORS,
  SURVEY_KINDS,
  TICKET_EVENTS,
  TICKET_STATUSES,
  WAIT_EVENTS,
  WEEKDAYS,
} from '@flowdesk/model';

/**
 * Dropdown labels for enum values come from the model's vocabularies. One value
 * can mean different things in two vocabularies (`assigned` is a status and an
 * event), so the vocabulary whose values cover the whole enum is preferred.
 */

interface Vocabulary {
  readonly values: readonly string[];
  readonly labels: Readonly<Record<string, LocalizedText>>;
}

const VOCABULARIES: readonly Vocabulary[] = [
  MESSAGE_CHANNELS,
  CHANNELS,
  PRIORITIES,
  TICKET_STATUSES,
  TICKET_EVENTS,
  SURVEY_KINDS,
  DURATION_UNITS,
  WEEKDAYS,
  RULE_OPERATORS,
  WAIT_EVENTS,
  ASSIGN_STRATEGIES,
  HTTP_METHODS,
];

export type Translate = (key: string, options?: { defaultValue: string }) => string;

/** A labeller for the values of one enum: vocabulary first, then the UI's own word list, then the value. */
export function enumLabeller(
  values: readonly string[],
  locale: Locale,
  t: Translate,
): (value: string) => string {
  const covering = VOCABULARIES.find(
    (vocabulary) =>
      values.filter((value) => value in vocabulary.labels).length >= Math.max(1, values.length - 1),
  );
  return (value) =>
    covering?.labels[value]?.[locale] ??
    VOCABULARIES.find((vocabulary) => value in vocabulary.labels)?.labels[value]?.[locale] ??
    t(`values.${value}`, { defaultValue: value });
}

/**
 * Category id → label in the reader's language as the flow's Classify steps
 * name them, so a rule on a category reads "is Complaint", not "is
 * complaint_v2". Takes any list of steps (the graph's nodes or the canvas's
 * node data).
 */
export function classifyCategoryLabels(
  steps: readonly { type: string; config: unknown }[],
  locale: Locale,
): Map<string, string> {
  return new Map(classifyCategoriesOf(steps).map((category) => [category.id, category.label[locale]]));
}
