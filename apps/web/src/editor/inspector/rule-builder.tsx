import {
  COMBINATORS,
  type Combinator,
  RULE_OPERATORS,
  type Rule,
  type RuleGroup,
  type RuleOperator,
} from '@flowdesk/model';
import { Plus, Trash2 } from 'lucide-react';
import { useContext, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n.ts';
import { ruleSentence } from '../rule-sentence.ts';
import { type FieldOption, findField } from './field-options.ts';
import { FieldPicker } from './field-picker.tsx';
import { FormContext } from './form-context.ts';
import { ReferenceSelect } from './reference-field.tsx';
import { fieldRefersTo, referenceChoices } from './reference-options.ts';
import { formatRuleValue, operatorsFor, parseRuleValue, takesValue } from './rule-operators.ts';
import { enumLabeller } from './value-labels.ts';
import { useReferenceSources } from './workspace-references-context.tsx';

/**
 * The visual condition editor: groups of `field · comparison · value` rows
 * combined by all / any / not, nested as deep as the admin needs. It edits the
 * same RuleGroup data the engine evaluates and the linter checks.
 */

export interface RuleBuilderProps {
  group: RuleGroup;
  onChange: (group: RuleGroup) => void;
  fields: readonly FieldOption[];
  /** Config path of this group, e.g. `config.rules`, for problem focus. */
  path: string;
  depth?: number;
}

const MAX_DEPTH = 3;

function newRule(fields: readonly FieldOption[]): Rule {
  const first = fields.find((field) => field.path === 'customer.vipLevel') ?? fields[0];
  const operator = operatorsFor(first?.type)[0] ?? 'equals';
  return { kind: 'rule', field: first?.path ?? 'request.message', operator, value: '' };
}

function RuleRow(props: {
  rule: Rule;
  onChange: (rule: Rule) => void;
  onRemove: () => void;
  fields: readonly FieldOption[];
  path: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const { rule, fields, path } = props;
  const field = findField(fields, rule.field);
  const operators = operatorsFor(field?.type);
  const labelValue = enumLabeller(field?.values ?? [], locale, t);
  const sources = useReferenceSources();
  // A single team, agent or category is picked by name and stored by id; a list stays typed.
  const reference = rule.operator !== 'in' ? fieldRefersTo(rule.field) : undefined;

  const setField = (fieldPath: string) => {
    const next = findField(fields, fieldPath);
    const nextOperators = operatorsFor(next?.type);
    const operator = nextOperators.includes(rule.operator) ? rule.operator : (nextOperators[0] ?? 'equals');
    props.onChange({
      kind: 'rule',
      field: fieldPath,
      operator,
      ...(takesValue(operator) ? { value: '' } : {}),
    });
  };
  const setOperator = (operator: RuleOperator) => {
    const { value: _old, ...rest } = rule;
    props.onChange(
      takesValue(operator) ? { ...rest, operator, value: rule.value ?? '' } : { ...rest, operator },
    );
  };
  const setValue = (raw: string) =>
    props.onChange({ ...rule, value: parseRuleValue(raw, field?.type, rule.operator) });

  return (
    <li className="rule-row">
      <FieldPicker
        id={`${id}-field`}
        label={t('rules.field')}
        value={rule.field}
        fields={fields}
        onChange={setField}
        dataField={`${path}.field`}
      />
      <label htmlFor={`${id}-operator`} className="visually-hidden">
        {t('rules.operator')}
      </label>
      <select
        id={`${id}-operator`}
        value={rule.operator}
        data-field={`${path}.operator`}
        onChange={(event) => setOperator(event.target.value as RuleOperator)}
      >
        {operators.map((operator) => (
          <option key={operator} value={operator}>
            {RULE_OPERATORS.labels[operator][locale]}
          </option>
        ))}
      </select>
      {takesValue(rule.operator) ? (
        <>
          <label htmlFor={`${id}-value`} className="visually-hidden">
            {t('rules.value')}
          </label>
          {reference ? (
            <ReferenceSelect
              id={`${id}-value`}
              kind={reference}
              value={rule.value}
              onChange={(value) => props.onChange({ ...rule, value: value ?? '' })}
              choices={referenceChoices(reference, sources, locale, rule.value)}
              locale={locale}
              dataField={`${path}.value`}
              optional
            />
          ) : field?.values && rule.operator !== 'in' ? (
            <select
              id={`${id}-value`}
              value={formatRuleValue(rule.value)}
              data-field={`${path}.value`}
              onChange={(event) => setValue(event.target.value)}
            >
              <option value="">{t('common.choose')}</option>
              {field.values.map((value) => (
                <option key={value} value={value}>
                  {labelValue(value)}
                </option>
              ))}
            </select>
          ) : field?.type === 'boolean' ? (
            <select
              id={`${id}-value`}
              value={formatRuleValue(rule.value)}
              data-field={`${path}.value`}
              onChange={(event) => setValue(event.target.value)}
            >
              <option value="true">{t('common.yes')}</option>
              <option value="false">{t('common.no')}</option>
            </select>
          ) : (
            <input
              id={`${id}-value`}
              type={field?.type === 'number' && rule.operator !== 'in' ? 'number' : 'text'}
              value={formatRuleValue(rule.value)}
              data-field={`${path}.value`}
              placeholder={rule.operator === 'in' ? t('rules.listPlaceholder') : t('rules.valuePlaceholder')}
              onChange={(event) => setValue(event.target.value)}
            />
          )}
        </>
      ) : null}
      <button
        type="button"
        className="icon-button"
        onClick={props.onRemove}
        aria-label={t('rules.removeRule')}
      >
        <Trash2 size={16} aria-hidden="true" />
      </button>
    </li>
  );
}

export function RuleBuilder({ group, onChange, fields, path, depth = 0 }: RuleBuilderProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const categories = useContext(FormContext)?.categoryLabels;
  const { workspace } = useReferenceSources();
  const id = useId();
  // The whole condition read back as a sentence, once, above the outermost group.
  const sentence = depth === 0 ? ruleSentence(group, locale, { categories, workspace }) : undefined;
  const setChild = (index: number, child: Rule | RuleGroup) =>
    onChange({ ...group, children: group.children.map((old, at) => (at === index ? child : old)) });
  const removeChild = (index: number) =>
    onChange({ ...group, children: group.children.filter((_, at) => at !== index) });

  return (
    <fieldset className="rule-group" data-field={`${path}.children`}>
      <legend>
        <label htmlFor={`${id}-combinator`}>{t('rules.match')}</label>
        <select
          id={`${id}-combinator`}
          value={group.combinator}
          onChange={(event) => onChange({ ...group, combinator: event.target.value as Combinator })}
        >
          {COMBINATORS.map((combinator) => (
            <option key={combinator} value={combinator}>
              {t(`rules.combinator.${combinator}`)}
            </option>
          ))}
        </select>
      </legend>
      {sentence ? (
        <p className="rule-sentence" data-testid="rule-sentence">
          {sentence}
        </p>
      ) : null}
      {group.children.length === 0 ? <p className="muted">{t('rules.empty')}</p> : null}
      <ul className="rule-list">
        {group.children.map((child, index) =>
          child.kind === 'rule' ? (
            <RuleRow
              // biome-ignore lint/suspicious/noArrayIndexKey: rules have no id; order is their identity
              key={index}
              rule={child}
              fields={fields}
              path={`${path}.children[${index}]`}
              onChange={(rule) => setChild(index, rule)}
              onRemove={() => removeChild(index)}
            />
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: groups have no id; order is their identity
            <li key={index} className="rule-subgroup">
              <RuleBuilder
                group={child}
                fields={fields}
                depth={depth + 1}
                path={`${path}.children[${index}]`}
                onChange={(next) => setChild(index, next)}
              />
              <button type="button" onClick={() => removeChild(index)}>
                <Trash2 size={16} aria-hidden="true" />
                {t('rules.removeGroup')}
              </button>
            </li>
          ),
        )}
      </ul>
      <div className="button-row">
        <button
          type="button"
          onClick={() => onChange({ ...group, children: [...group.children, newRule(fields)] })}
        >
          <Plus size={16} aria-hidden="true" />
          {t('rules.addRule')}
        </button>
        {depth < MAX_DEPTH ? (
          <button
            type="button"
            onClick={() =>
              onChange({
                ...group,
                children: [
                  ...group.children,
                  { kind: 'group', combinator: 'any', children: [newRule(fields)] },
                ],
              })
            }
          >
            <Plus size={16} aria-hidden="true" />
            {t('rules.addGroup')}
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}
