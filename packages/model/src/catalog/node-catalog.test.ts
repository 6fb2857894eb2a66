import { describe, expect, it } from 'vitest';
import type { LocalizedText } from '../i18n.ts';
import { validateNodeConfig } from '../lint/config-validation.ts';
import type { AnyNodeType, NodeCategory } from './catalog.types.ts';
import { getNodeType, NODE_TYPES } from './node-catalog.ts';

const CJK = /[\u3400-\u9fff]/;

const EXPECTED_CATEGORIES: Record<string, NodeCategory> = {
  'trigger.request_received': 'trigger',
  'trigger.ticket_event': 'trigger',
  'trigger.survey_answered': 'trigger',
  'trigger.schedule': 'trigger',
  'trigger.external_event': 'trigger',
  'trigger.anomaly_detected': 'trigger',
  'logic.condition': 'logic',
  'logic.switch': 'logic',
  'logic.classify': 'logic',
  'logic.business_hours': 'logic',
  'logic.set_variable': 'logic',
  'action.identify_customer': 'action',
  'action.create_ticket': 'action',
  'action.update_ticket': 'action',
  'action.assign': 'action',
  'action.escalate': 'action',
  'action.send_message': 'action',
  'action.auto_reply': 'action',
  'action.http_request': 'action',
  'action.send_survey': 'action',
  'action.end': 'action',
  'timing.wait': 'timing',
  'timing.wait_for_event': 'timing',
  'timing.ask_approval': 'timing',
};

/** One config per type that an admin could plausibly get wrong, and the field the error must point at. */
const BROKEN: Record<string, { config: unknown; field: string }> = {
  'trigger.request_received': { config: { channels: ['fax'] }, field: 'config.channels[0]' },
  'trigger.ticket_event': { config: { events: [] }, field: 'config.events' },
  'trigger.survey_answered': { config: { kinds: ['csat'], scoreAtMost: 11 }, field: 'config.scoreAtMost' },
  'trigger.schedule': { config: { cron: 'every morning' }, field: 'config.cron' },
  'trigger.external_event': { config: { eventName: 'Order Shipped' }, field: 'config.eventName' },
  'trigger.anomaly_detected': { config: { seriesKinds: ['weather'] }, field: 'config.seriesKinds[0]' },
  'logic.condition': { config: { mode: 'expression' }, field: 'config.expression' },
  'logic.switch': {
    config: { field: 'ticket.priority', cases: [{ id: 'big', operator: 'gt', value: 'abc' }] },
    field: 'config.cases[0].value',
  },
  'logic.classify': {
    config: { categories: [{ id: 'Order Status', label: '订单状态' }] },
    field: 'config.categories[0].id',
  },
  'logic.business_hours': {
    config: { calendar: { weekly: [{ days: ['mon'], from: '18:00', to: '09:00' }] } },
    field: 'config.calendar.weekly[0].to',
  },
  'logic.set_variable': {
    config: { assignments: [{ name: '1st', value: { kind: 'literal', value: 1 } }] },
    field: 'config.assignments[0].name',
  },
  'action.identify_customer': { config: { by: [] }, field: 'config.by' },
  'action.create_ticket': { config: { title: '   ' }, field: 'config.title' },
  'action.update_ticket': { config: { priority: 'critical' }, field: 'config.priority' },
  'action.assign': { config: { target: 'agent' }, field: 'config.agentId' },
  'action.escalate': { config: { queue: 'supervisor' }, field: 'config.reason' },
  'action.send_message': {
    config: { channel: 'sms', to: 'address', body: { 'zh-CN': '您的包裹已发出' } },
    field: 'config.address',
  },
  'action.auto_reply': { config: { threshold: 1.5 }, field: 'config.threshold' },
  'action.http_request': { config: { url: 'erp.example.com/orders' }, field: 'config.url' },
  'action.send_survey': { config: { kind: 'csat', expiresInDays: 0 }, field: 'config.expiresInDays' },
  'action.end': { config: { outcome: 'done' }, field: 'config.outcome' },
  'timing.wait': {
    config: { mode: 'until_time', time: '09:00', timezone: 'Mars/Olympus' },
    field: 'config.timezone',
  },
  'timing.wait_for_event': {
    config: { event: 'ticket_status', timeout: { amount: 3, unit: 'days' } },
    field: 'config.statuses',
  },
  'timing.ask_approval': { config: { decider: 'supervisor', question: '  ' }, field: 'config.question' },
};

function definitionOf(type: string): AnyNodeType {
  const definition = getNodeType(type);
  if (!definition) throw new Error(`node type ${type} is not in the catalog`);
  return definition;
}

/** `config.cases[0].value` → `cases.value`, the key of the field's help. */
function helpKeyOf(field: string): string {
  return field.replace(/^config\./, '').replace(/\[\d+\]/g, '');
}

/** The value a reference's `at` points to, e.g. `config.headers[0].value` inside the parsed config. */
function valueAt(config: unknown, at: string): unknown {
  const keys = at
    .replace(/^config\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  return keys.reduce<unknown>(
    (current, key) =>
      current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined,
    config,
  );
}

function expectBilingual(value: LocalizedText | undefined, what: string): void {
  expect(value, what).toBeDefined();
  expect(value?.['zh-CN'].trim(), `${what} (zh-CN)`).not.toBe('');
  expect(value?.en.trim(), `${what} (en)`).not.toBe('');
}

describe('node catalog', () => {
  it('holds exactly the required node types, each in its category', () => {
    const categories = Object.fromEntries(
      NODE_TYPES.map((definition) => [definition.type, definition.category]),
    );
    expect(categories).toEqual(EXPECTED_CATEGORIES);
    expect(NODE_TYPES).toHaveLength(Object.keys(EXPECTED_CATEGORIES).length);
  });

  it('has a broken config for every node type and none for types it does not have', () => {
    expect(Object.keys(BROKEN).sort()).toEqual(NODE_TYPES.map((definition) => definition.type).sort());
  });
});

describe.each(NODE_TYPES.map((definition) => [definition.type, definition] as const))(
  '%s',
  (type, definition) => {
    const parsed = definition.configSchema.parse(definition.example);

    it('accepts its own example', () => {
      expect(definition.configSchema.safeParse(definition.example).success).toBe(true);
      expect(validateNodeConfig(definition, definition.example)).toMatchObject({ ok: true });
    });

    it('rejects a broken config with a translated message pointing at the field', () => {
      const broken = BROKEN[type];
      if (!broken) throw new Error(`BROKEN has no config for ${type}`);
      const check = validateNodeConfig(definition, broken.config);
      if (check.ok) throw new Error(`${type} accepted ${JSON.stringify(broken.config)}`);
      const problem = check.problems.find((candidate) => candidate.field === broken.field);
      expect(problem, `fields reported: ${check.problems.map((p) => p.field).join(', ')}`).toBeDefined();
      const label = definition.fields[helpKeyOf(broken.field)]?.label;
      expectBilingual(label, `label of ${broken.field}`);
      const zh = problem?.message['zh-CN'] ?? '';
      const en = problem?.message.en ?? '';
      expect(zh).not.toBe(en);
      expect(zh).toMatch(CJK);
      expect(zh).toContain(label?.['zh-CN']);
      expect(en).toContain(label?.en);
    });

    it('names and explains itself and every field in both languages', () => {
      expectBilingual(definition.label, 'label');
      expectBilingual(definition.description, 'description');
      expect(definition.icon).toMatch(/^[a-z0-9-]+$/);
      for (const [key, field] of Object.entries(definition.fields)) {
        expectBilingual(field.label, `${key} label`);
        if (field.help) expectBilingual(field.help, `${key} help`);
      }
    });

    it('has a label for every setting of its example', () => {
      const keys = Object.keys(parsed as Record<string, unknown>);
      expect(keys.filter((key) => !definition.fields[key])).toEqual([]);
    });

    it('has labelled output ports with unique ids', () => {
      const ports = definition.outputPorts(parsed);
      for (const port of ports) expectBilingual(port.label, `port ${port.id}`);
      expect(new Set(ports.map((port) => port.id)).size).toBe(ports.length);
    });

    it('summarizes its example in both languages', () => {
      expect(definition.summarize(parsed, 'zh-CN').trim()).not.toBe('');
      expect(definition.summarize(parsed, 'en').trim()).not.toBe('');
    });

    it('points each field reference at the config text that names it', () => {
      for (const reference of definition.references?.(parsed) ?? []) {
        expect(reference.at).toMatch(/^config\./);
        expect(String(valueAt(parsed, reference.at))).toContain(reference.path);
      }
    });

    it('waits only if it is a timing node', () => {
      expect(definition.waits === true).toBe(definition.category === 'timing');
    });
  },
);

describe('ports derived from the config', () => {
  it('gives a switch one output per case, then Other and On error', () => {
    const definition = definitionOf('logic.switch');
    const config = definition.configSchema.parse({
      field: 'ticket.channel',
      cases: [
        { id: 'email', operator: 'equals', value: 'email' },
        { id: 'chat', label: '在线聊天', operator: 'equals', value: 'chat' },
      ],
    });
    expect(definition.outputPorts(config).map((port) => port.id)).toEqual([
      'email',
      'chat',
      'default',
      'error',
    ]);
    expect(definition.outputPorts(config)[1]?.label['zh-CN']).toBe('在线聊天');
  });

  it('gives a classifier one output per category plus a required low-confidence output', () => {
    const definition = definitionOf('logic.classify');
    const config = definition.configSchema.parse({
      categories: [
        { id: 'invoice', label: '发票' },
        { id: 'repair', label: '维修', keywords: ['坏了'] },
      ],
    });
    const ports = definition.outputPorts(config);
    expect(ports.map((port) => port.id)).toEqual(['invoice', 'repair', 'low_confidence', 'error']);
    expect(ports.find((port) => port.id === 'low_confidence')?.requirement).toBe('required');
  });

  it('makes an auto-reply that found no answer a required path', () => {
    const definition = definitionOf('action.auto_reply');
    const ports = definition.outputPorts(definition.configSchema.parse({}));
    expect(ports.map((port) => [port.id, port.requirement])).toEqual([
      ['answered', 'optional'],
      ['not_answered', 'required'],
      ['error', 'optional'],
    ]);
  });

  it('ends the flow at an End node', () => {
    const definition = definitionOf('action.end');
    expect(definition.outputPorts(definition.configSchema.parse({}))).toEqual([]);
  });
});

describe('data made available to later steps', () => {
  it('provides each variable a Set variable node assigns', () => {
    const definition = definitionOf('logic.set_variable');
    const config = definition.configSchema.parse({
      assignments: [
        { name: 'isVip', value: { kind: 'field', field: 'customer.vipLevel' } },
        { name: 'note', value: { kind: 'literal', value: '加急' } },
      ],
    });
    expect(definition.provides?.(config)).toEqual(['variables.isVip', 'variables.note']);
  });

  it('provides the HTTP response and each mapped variable', () => {
    const definition = definitionOf('action.http_request');
    const config = definition.configSchema.parse({
      url: 'https://erp.example.com/orders/1',
      responseMapping: [
        { variable: 'orderStatus', path: 'data.status' },
        { variable: 'firstItem', path: 'items.0.name' },
      ],
    });
    expect(definition.provides?.(config)).toEqual(['http', 'variables.orderStatus', 'variables.firstItem']);
  });

  it('provides the survey only when waiting for a survey answer', () => {
    const definition = definitionOf('timing.wait_for_event');
    const timeout = { amount: 1, unit: 'days' };
    const survey = definition.configSchema.parse({ event: 'survey_answer', timeout });
    const reply = definition.configSchema.parse({ event: 'customer_reply', timeout });
    expect(definition.provides?.(survey)).toEqual(['event', 'survey']);
    expect(definition.provides?.(reply)).toEqual(['event']);
  });
});

describe('field references', () => {
  it('finds the customer name in a masked message body', () => {
    const definition = definitionOf('action.send_message');
    const config = definition.configSchema.parse({
      channel: 'sms',
      body: { 'zh-CN': '您好 {{ customer.name | mask }}，您的工单 {{ ticket.number }} 已处理' },
    });
    expect(definition.references?.(config)).toEqual([
      { at: 'config.body.zh-CN', path: 'customer.name' },
      { at: 'config.body.zh-CN', path: 'ticket.number' },
    ]);
  });

  it('finds fields in the URL, headers and body of an HTTP request', () => {
    const definition = definitionOf('action.http_request');
    const config = definition.configSchema.parse({
      method: 'POST',
      url: 'https://crm.example.com/customers/{{ customer.id }}',
      headers: [{ name: 'X-Ticket', value: '{{ ticket.number }}' }],
      body: '{"vip": {{ customer.vipLevel }}}',
    });
    expect(definition.references?.(config)).toEqual([
      { at: 'config.url', path: 'customer.id' },
      { at: 'config.headers[0].value', path: 'ticket.number' },
      { at: 'config.body', path: 'customer.vipLevel' },
    ]);
  });
});

describe('rules across fields', () => {
  function problemsOf(type: string, config: unknown) {
    const check = validateNodeConfig(definitionOf(type), config);
    return check.ok ? [] : check.problems;
  }

  it('asks for a team when assigning to a team without one', () => {
    const problems = problemsOf('action.assign', { target: 'team', strategy: 'round_robin' });
    expect(problems.map((problem) => problem.field)).toEqual(['config.teamId']);
    expect(problems[0]?.message.en).toContain('choose a team');
    expect(problems[0]?.message['zh-CN']).toContain('请选择团队');
  });

  it('asks for skills when assigning by skills', () => {
    const problems = problemsOf('action.assign', { target: 'team', teamId: 'vip', strategy: 'skills' });
    expect(problems.map((problem) => problem.field)).toEqual(['config.skills']);
  });

  it('rejects an update that changes nothing', () => {
    const problems = problemsOf('action.update_ticket', { addTags: [], note: '  ' });
    expect(problems.map((problem) => problem.field)).toEqual(['config']);
    expect(problems[0]?.message.en).toContain('set at least one thing to change');
  });

  it('needs a subject and a body for an email unless a saved template is used', () => {
    const missing = problemsOf('action.send_message', { channel: 'email' });
    expect(missing.map((problem) => problem.field)).toEqual(['config.subject', 'config.body']);
    expect(problemsOf('action.send_message', { channel: 'email', templateId: 'ticket_received' })).toEqual(
      [],
    );
  });

  it('needs a URL for a webhook', () => {
    const problems = problemsOf('action.send_message', { channel: 'webhook', body: { en: '{}' } });
    expect(problems.map((problem) => problem.field)).toEqual(['config.url']);
  });

  it('refuses a body on a GET request but accepts it on POST', () => {
    const request = { url: 'https://erp.example.com/orders', body: '{"id": 1}' };
    expect(problemsOf('action.http_request', request).map((problem) => problem.field)).toEqual([
      'config.body',
    ]);
    expect(problemsOf('action.http_request', { ...request, method: 'POST' })).toEqual([]);
  });

  it('waits until a time of day in Shanghai time unless told otherwise', () => {
    const definition = definitionOf('timing.wait');
    const config = definition.configSchema.parse({ mode: 'until_time', time: '09:00' });
    expect(config).toEqual({ mode: 'until_time', time: '09:00', timezone: 'Asia/Shanghai' });
    expect(definition.summarize(config, 'en')).toBe('Wait until 09:00 (Asia/Shanghai)');
  });
});

describe('card summaries', () => {
  it.each([
    [
      'timing.wait',
      { mode: 'duration', duration: { amount: 24, unit: 'hours' } },
      '等待 24 小时',
      'Wait 24 hours',
    ],
    [
      'action.send_message',
      { channel: 'email', templateId: 't1' },
      '通过邮件发送给客户',
      'Send email to customer',
    ],
    [
      'timing.wait_for_event',
      { event: 'ticket_status', statuses: ['resolved'], timeout: { amount: 3, unit: 'days' } },
      '等待工单状态变为已解决，最多 3 天',
      'Wait for ticket status Resolved, up to 3 days',
    ],
  ])('%s', (type, input, zh, en) => {
    const definition = definitionOf(type);
    const config = definition.configSchema.parse(input);
    expect(definition.summarize(config, 'zh-CN')).toBe(zh);
    expect(definition.summarize(config, 'en')).toBe(en);
  });
});

describe('field metadata for the inspector', () => {
  it('makes each visibleWhen name a sibling field with values that field takes', () => {
    const checked: string[] = [];
    for (const definition of NODE_TYPES) {
      for (const [key, help] of Object.entries(definition.fields)) {
        if (!help.visibleWhen) continue;
        const prefix = key.includes('.') ? `${key.slice(0, key.lastIndexOf('.'))}.` : '';
        expect(definition.fields[`${prefix}${help.visibleWhen.field}`]).toBeDefined();
        for (const value of help.visibleWhen.in) {
          const config = { ...(definition.example as object), [help.visibleWhen.field]: value };
          const parsed = definition.configSchema.safeParse(config);
          // A refinement may ask for more (a webhook needs its URL), but the value itself is one the field takes.
          const wrongValue = parsed.error?.issues.some(
            (issue: { path: PropertyKey[]; code: string }) =>
              issue.path[0] === help.visibleWhen?.field && issue.code !== 'custom',
          );
          expect(wrongValue ?? false).toBe(false);
        }
        checked.push(`${definition.type}.${key}`);
      }
    }
    expect(checked).toContain('action.send_message.subject');
  });

  it('puts milliseconds, raw headers, CEL and thresholds under Advanced, not what every admin fills in', () => {
    const advanced = NODE_TYPES.flatMap((definition) =>
      Object.entries(definition.fields)
        .filter(([, help]) => help.advanced)
        .map(([key]) => `${definition.type}.${key}`),
    );
    expect(advanced).toEqual(
      expect.arrayContaining([
        'action.http_request.timeoutMs',
        'action.http_request.headers',
        'logic.condition.expression',
        'logic.classify.threshold',
      ]),
    );
    expect(advanced).not.toContain('action.http_request.url');
    expect(advanced).not.toContain('action.send_message.body');
  });
});

describe('defaults in the admin’s language', () => {
  it('gives a valid config in each language wherever a type writes its example per language', () => {
    const localized = NODE_TYPES.filter((definition) => definition.exampleIn);
    expect(localized.map((definition) => definition.type)).toContain('logic.classify');
    for (const definition of localized) {
      for (const locale of ['zh-CN', 'en'] as const) {
        expect(validateNodeConfig(definition, definition.exampleIn?.(locale)).ok).toBe(true);
      }
    }
  });
});
