import type { Duration, RuleGroup } from '@flowdesk/model';
import { DurationField } from './duration-field.tsx';
import { FieldFrame } from './field-frame.tsx';
import { FieldPicker } from './field-picker.tsx';
import type { FieldProps } from './field-props.ts';
import { useFormContext } from './form-context.ts';
import { RuleBuilder } from './rule-builder.tsx';
import { LocalizedTemplateField, TemplateInput } from './template-field.tsx';

/** Kinds with a control of their own (rule builder, template editor, field picker…), which labels itself. */

const EMPTY_RULES: RuleGroup = { kind: 'group', combinator: 'all', children: [] };

export function RulesField(props: FieldProps<'rules'>) {
  const { fields } = useFormContext();
  return (
    <FieldFrame>
      <RuleBuilder
        group={(props.value as RuleGroup | undefined) ?? EMPTY_RULES}
        onChange={props.onChange}
        fields={fields}
        path={props.dataPath}
      />
    </FieldFrame>
  );
}

export function LocalizedField(props: FieldProps<'localized'>) {
  const { fields } = useFormContext();
  return (
    <LocalizedTemplateField
      label={props.label}
      help={props.help}
      value={props.value as Record<string, string> | undefined}
      onChange={props.onChange}
      fields={fields}
      dataField={props.dataPath}
    />
  );
}

/** An amount and a unit (see DurationField). */
export function DurationValueField(props: FieldProps<'duration'>) {
  return (
    <DurationField
      label={props.label}
      help={props.help}
      value={props.value as Partial<Duration> | undefined}
      onChange={props.onChange}
      dataField={props.dataPath}
    />
  );
}

/** A path such as `request.email`, picked from the fields the flow has at this step. */
export function FieldPathField(props: FieldProps<'field-path'>) {
  const { fields } = useFormContext();
  return (
    <FieldFrame help={props.help} helpId={props.helpId}>
      <FieldPicker
        id={props.id}
        label={props.label}
        hideLabel={false}
        value={String(props.value ?? '')}
        fields={fields}
        onChange={props.onChange}
        dataField={props.dataPath}
      />
    </FieldFrame>
  );
}

export function TemplateField(props: FieldProps<'template'>) {
  const { fields } = useFormContext();
  return (
    <FieldFrame help={props.help} helpId={props.helpId}>
      <TemplateInput
        id={props.id}
        label={props.label}
        value={String(props.value ?? '')}
        onChange={props.onChange}
        fields={fields}
        dataField={props.dataPath}
        rows={2}
      />
    </FieldFrame>
  );
}
