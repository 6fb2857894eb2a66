import type { RuleGroup } from '@flowdesk/model';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setCelCompletions } from '../../monaco/cel-language.ts';
import { CodeEditor } from '../../monaco/code-editor.tsx';
import { useFieldText } from './field-text.ts';
import { useFormContext } from './form-context.ts';
import { RuleBuilder } from './rule-builder.tsx';

const EMPTY_GROUP: RuleGroup = { kind: 'group', combinator: 'all', children: [] };

/**
 * The condition node's form: the visual rule builder by default; the
 * "advanced" switch swaps in a CEL expression in Monaco (loaded only then).
 */
export function ConditionForm(props: {
  config: Record<string, unknown>;
  onChange: (config: Record<string, unknown>) => void;
}) {
  const { t } = useTranslation();
  const { fields } = useFormContext();
  const id = useId();
  const advanced = props.config.mode === 'expression';
  const rules = (props.config.rules as RuleGroup | undefined) ?? EMPTY_GROUP;
  const expression = typeof props.config.expression === 'string' ? props.config.expression : '';
  const [showAdvanced, setShowAdvanced] = useState(advanced);
  const modeText = useFieldText('mode', 'mode');
  const expressionText = useFieldText('expression', 'expression');

  useEffect(() => {
    if (advanced) setCelCompletions(fields.map((field) => ({ path: field.path, label: field.label })));
  }, [advanced, fields]);

  return (
    <>
      {advanced ? (
        <div className="form-group" data-field="config.expression">
          <span className="field-label">{expressionText.label}</span>
          {expressionText.help ? <p className="help">{expressionText.help}</p> : null}
          <CodeEditor
            language="cel"
            height={120}
            ariaLabel={expressionText.label}
            value={expression}
            onChange={(value) => props.onChange({ ...props.config, expression: value })}
          />
        </div>
      ) : (
        <RuleBuilder
          group={rules}
          fields={fields}
          path="config.rules"
          onChange={(group) => props.onChange({ ...props.config, rules: group })}
        />
      )}
      {/* CEL is for people who know it: the switch waits under Advanced, after the rules, open while it is on. */}
      <details
        className="advanced-fields"
        data-testid="advanced-fields"
        open={showAdvanced}
        onToggle={(event) => setShowAdvanced(event.currentTarget.open)}
      >
        <summary>{t('inspector.advancedSettings')}</summary>
        <div className="form-group checkbox-row">
          <input
            id={`${id}-advanced`}
            type="checkbox"
            checked={advanced}
            data-field="config.mode"
            aria-describedby={`${id}-advanced-help`}
            onChange={(event) =>
              props.onChange({ ...props.config, mode: event.target.checked ? 'expression' : 'rules' })
            }
          />
          <label htmlFor={`${id}-advanced`}>{t('inspector.advancedExpression')}</label>
          <p id={`${id}-advanced-help`} className="help">
            {modeText.help}
          </p>
        </div>
      </details>
    </>
  );
}
