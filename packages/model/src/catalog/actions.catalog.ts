import { z } from 'zod';
import { IdentifierSchema, TemplateSchema } from '../config-parts.schema.ts';
import { text } from '../i18n.ts';
import { HTTP_METHODS } from '../vocabulary.ts';
import { autoReply, sendMessage, sendSurvey } from './actions-message.catalog.ts';
import { assign, escalate } from './actions-routing.catalog.ts';
import { createTicket, identifyCustomer, updateTicket } from './actions-ticket.catalog.ts';
import { defineNodeType, type FieldReference } from './catalog.types.ts';
import { pick, templateReferences } from './catalog-helpers.ts';
import { ERROR_PORT, NEXT_PORT } from './ports.ts';

/** HTTP header names are RFC 9110 tokens: no spaces, no colons. */
const HEADER_NAME_RE = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;
/** A path into a JSON response: keys and array positions joined by dots. */
const RESPONSE_PATH_RE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+){0,9}$/;
const BODYLESS_METHODS: readonly string[] = ['GET', 'DELETE'];

const HeaderSchema = z.strictObject({
  name: z.string().regex(HEADER_NAME_RE, { error: 'value.header_name' }),
  value: TemplateSchema,
});

const ResponseMappingSchema = z.strictObject({
  variable: IdentifierSchema,
  path: z.string().regex(RESPONSE_PATH_RE, { error: 'value.response_path' }),
});

export const httpRequest = defineNodeType({
  type: 'action.http_request',
  category: 'action',
  icon: 'globe',
  label: text('调用接口', 'HTTP request'),
  description: text(
    '调用其他系统的接口（例如查询订单物流），并把返回结果存为变量供后面使用。',
    'Calls another system’s API (e.g. to look up an order’s shipping) and stores parts of the answer as variables.',
  ),
  fields: {
    method: { label: text('请求方式', 'Method') },
    url: {
      label: text('接口地址', 'URL'),
      help: text(
        '以 http:// 或 https:// 开头，可插入字段，例如 https://erp.example.com/orders/{{ variables.orderNo }}；插入的值会整体编码，其中的 /、? 等不会改变地址结构。',
        'Starts with http:// or https:// and may insert fields, e.g. https://erp.example.com/orders/{{ variables.orderNo }}; each inserted value is encoded whole, so a / or ? in it cannot change the address.',
      ),
    },
    headers: { label: text('请求头', 'Headers'), advanced: true },
    'headers.name': { label: text('请求头名称', 'Header name') },
    'headers.value': { label: text('请求头的值', 'Header value') },
    body: {
      label: text('请求体', 'Request body'),
      help: text(
        '通常是 JSON，可插入字段（请放在引号内，值会按 JSON 字符串转义）。GET 和 DELETE 不能带请求体。',
        'Usually JSON; may insert fields (put them inside quotes: values are escaped as JSON string text). Not for GET or DELETE.',
      ),
    },
    timeoutMs: {
      label: text('超时（毫秒）', 'Timeout (ms)'),
      help: text(
        '超过此时间未响应则走“出错时”出口，100 到 30000。',
        'No answer within this time takes the On error output; 100 to 30000.',
      ),
      advanced: true,
    },
    responseMapping: {
      label: text('保存返回结果', 'Save from the response'),
      help: text('把返回内容中的字段存为变量。', 'Stores fields of the response as variables.'),
    },
    'responseMapping.variable': {
      label: text('变量名', 'Variable name'),
      help: text('后面用 variables.变量名 读取。', 'Later steps read it as variables.<name>.'),
    },
    'responseMapping.path': {
      label: text('返回字段', 'Response field'),
      help: text(
        '例如 data.status，列表用序号：items.0.name。',
        'E.g. data.status; use a number for a list position: items.0.name.',
      ),
    },
  },
  configSchema: z
    .strictObject({
      method: z.enum(HTTP_METHODS.values).default('GET'),
      url: TemplateSchema.refine((url) => /^https?:\/\//i.test(url.trim()), { error: 'value.url' }),
      headers: z.array(HeaderSchema).max(20).default([]),
      body: TemplateSchema.optional(),
      timeoutMs: z.number().int().min(100).max(30_000).default(5000),
      responseMapping: z.array(ResponseMappingSchema).max(50).default([]),
    })
    .superRefine((config, ctx) => {
      if (BODYLESS_METHODS.includes(config.method) && config.body?.trim()) {
        ctx.addIssue({ code: 'custom', path: ['body'], message: 'config.body_not_allowed' });
      }
    }),
  example: {
    method: 'GET',
    url: 'https://erp.example.com/api/orders/{{ request.customFields.orderNo }}',
    headers: [{ name: 'Accept', value: 'application/json' }],
    timeoutMs: 5000,
    responseMapping: [{ variable: 'shippingStatus', path: 'data.shipping.status' }],
  },
  outputPorts: () => [NEXT_PORT, ERROR_PORT],
  provides: (config) => ['http', ...config.responseMapping.map((mapping) => `variables.${mapping.variable}`)],
  references: (config) => [
    ...templateReferences('config.url', config.url),
    ...config.headers.flatMap((header, index): FieldReference[] =>
      templateReferences(`config.headers[${index}].value`, header.value),
    ),
    ...templateReferences('config.body', config.body),
  ],
  summarize: (config) => `${config.method} ${config.url.trim()}`,
});

const OUTCOMES = {
  completed: text('已完成', 'completed'),
  cancelled: text('已取消', 'cancelled'),
};

export const end = defineNodeType({
  type: 'action.end',
  category: 'action',
  icon: 'circle-stop',
  label: text('结束', 'End'),
  description: text(
    '在此结束流程，并记录结果，便于在执行记录和报表中区分。',
    'Ends the flow here and records the outcome, so runs can be told apart in history and reports.',
  ),
  fields: {
    outcome: {
      label: text('结果', 'Outcome'),
      help: text(
        '“已取消”表示流程有意中止，例如客户撤回了请求。',
        'Cancelled means the flow stopped on purpose, e.g. the customer withdrew the request.',
      ),
    },
  },
  configSchema: z.strictObject({
    outcome: z.enum(['completed', 'cancelled']).default('completed'),
  }),
  example: { outcome: 'completed' },
  outputPorts: () => [],
  summarize: (config, locale) => {
    const outcome = OUTCOMES[config.outcome][locale];
    return pick(locale, `结束（${outcome}）`, `End (${outcome})`);
  },
});

export const ACTION_NODE_TYPES = [
  identifyCustomer,
  createTicket,
  updateTicket,
  assign,
  escalate,
  sendMessage,
  autoReply,
  httpRequest,
  sendSurvey,
  end,
];
