import {
  type AnyNodeType,
  ENTRY_CONDITION_SOURCES_BY_TRIGGER,
  type FlowGraph,
  getNodeType,
} from '@flowdesk/model';
import { useMemo } from 'react';
import { z } from 'zod';
import { useLocale } from '../../i18n/i18n.ts';
import { switchCaseValueReference } from './compared-values.ts';
import { ConditionForm } from './condition-form.tsx';
import { fieldOptions, providersAt } from './field-options.ts';
import { FormContext, type FormContextValue } from './form-context.ts';
import { SchemaField } from './schema-field.tsx';
import type { JsonSchema } from './schema-kinds.ts';
import { classifyCategoryLabels } from './value-labels.ts';

const schemaCache = new Map<string, JsonSchema>();

/** What a trigger's entry conditions may read (nothing for a schedule, which has none). */
function entrySourcesOf(type: string): readonly string[] {
  return type in ENTRY_CONDITION_SOURCES_BY_TRIGGER
    ? ENTRY_CONDITION_SOURCES_BY_TRIGGER[type as keyof typeof ENTRY_CONDITION_SOURCES_BY_TRIGGER]
    : [];
}

/** The JSON Schema (input side: defaults make fields optional) of a node type's config, computed once. */
export function configJsonSchema(definition: AnyNodeType): JsonSchema {
  const cached = schemaCache.get(definition.type);
  if (cached) return cached;
  const schema = z.toJSONSchema(definition.configSchema, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  schemaCache.set(definition.type, schema);
  return schema;
}

/** A node's config as a form generated from its catalog schema. */
export function NodeConfigForm(props: {
  type: string;
  config: Record<string, unknown>;
  onChange: (config: Record<string, unknown>) => void;
  graph?: FlowGraph;
  /** With the graph: offer only the fields the steps before this node provide. */
  nodeId?: string;
}) {
  const locale = useLocale();
  const definition = getNodeType(props.type);
  const context = useMemo((): FormContextValue | undefined => {
    if (!definition) return undefined;
    // What the steps before this one provide, and which steps: the field picker groups by them.
    const providers =
      definition.category !== 'trigger' && props.graph && props.nodeId
        ? providersAt(props.graph, props.nodeId)
        : undefined;
    return {
      root: configJsonSchema(definition),
      help: definition.fields,
      fields: fieldOptions(
        props.graph,
        locale,
        // A trigger's entry conditions read the request and the customer's profile, nothing else.
        definition.category === 'trigger'
          ? new Set<string>(entrySourcesOf(definition.type))
          : providers
            ? new Set(providers.keys())
            : undefined,
        providers,
      ),
      categoryLabels: classifyCategoryLabels(props.graph?.nodes ?? [], locale),
      locale,
      SchemaField,
    };
  }, [definition, props.graph, props.nodeId, locale]);
  // Apart from the memo above: the cases change with every keystroke, the field list does not.
  const { config } = props;
  const withValues = useMemo(
    (): FormContextValue | undefined =>
      context && definition?.type === 'logic.switch'
        ? { ...context, valueReference: (dataPath) => switchCaseValueReference(config, dataPath) }
        : context,
    [context, definition?.type, config],
  );
  if (!definition || !withValues) return null;
  return (
    <FormContext.Provider value={withValues}>
      {definition.type === 'logic.condition' ? (
        <ConditionForm config={props.config} onChange={props.onChange} />
      ) : (
        <SchemaField
          schema={withValues.root}
          value={props.config}
          name="config"
          helpKey=""
          dataPath="config"
          onChange={(value) => props.onChange((value as Record<string, unknown> | undefined) ?? {})}
        />
      )}
    </FormContext.Provider>
  );
}
