import { CategoryNodeSchema } from '@flowdesk/desk';
import { CalendarSchema, LocalizedTextSchema, PRIORITIES } from '@flowdesk/model';
import { z } from 'zod';

/**
 * The shape of `templates/<id>/template.json`: what a template installs besides
 * its flow files. templates/README.md documents every field for authors.
 */

const KEY_RE = /^[a-z0-9][a-z0-9_-]{0,47}$/;
/** Ids of items shared by every template of a workspace (teams) use underscores like the flows that name them. */
const TEAM_ID_RE = /^[a-z][a-z0-9_]{0,47}$/;

export const TemplateKeySchema = z
  .string()
  .regex(KEY_RE, { error: 'key: lower-case letters, digits, - and _' });
const Text = z.string().trim().min(1).max(2000);
const Bilingual = z.strictObject({ 'zh-CN': z.string().max(10_000), en: z.string().max(10_000) });

const SettingSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    key: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,47}$/),
    kind: z.literal('url'),
    label: LocalizedTextSchema,
    help: LocalizedTextSchema.optional(),
    default: z.url({ protocol: /^https?$/ }),
    /** In demo mode the value is the server's public URL followed by this path (a built-in demo service). */
    demoPath: z
      .string()
      .regex(/^\/[A-Za-z0-9/_-]*$/)
      .optional(),
  }),
  z.strictObject({
    key: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,47}$/),
    kind: z.literal('number'),
    label: LocalizedTextSchema,
    help: LocalizedTextSchema.optional(),
    default: z.number().finite(),
  }),
  z.strictObject({
    key: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,47}$/),
    kind: z.literal('email'),
    label: LocalizedTextSchema,
    help: LocalizedTextSchema.optional(),
    default: z.email(),
  }),
]);
export type TemplateSetting = z.infer<typeof SettingSchema>;

const FlowEntrySchema = z.strictObject({
  key: TemplateKeySchema,
  /** Relative to the template folder, e.g. `flows/intake.flow.json`. */
  file: z.string().regex(/^flows\/[a-z0-9][a-z0-9_.-]*\.flow\.json$/),
  name: LocalizedTextSchema,
  description: LocalizedTextSchema,
});

const TeamSchema = z.strictObject({
  id: z.string().regex(TEAM_ID_RE),
  name: LocalizedTextSchema,
  skills: z.array(z.string().trim().min(1).max(50)).max(50).default([]),
  supervisorQueue: z.string().regex(TEAM_ID_RE).nullable().default(null),
});

const AgentSchema = z.strictObject({
  key: TemplateKeySchema,
  name: z.string().trim().min(1).max(100),
  teams: z.array(z.string().regex(TEAM_ID_RE)).min(1).max(20),
  skills: z.array(z.string().trim().min(1).max(50)).max(50).default([]),
  capacity: z.number().int().min(1).max(1000).default(10),
  online: z.boolean().default(true),
});

const SlaPolicySchema = z.strictObject({
  key: TemplateKeySchema,
  name: z.string().trim().min(1).max(100),
  match: z
    .strictObject({
      priorities: z.array(z.enum(PRIORITIES.values)).max(4).optional(),
      categories: z.array(z.string().min(1).max(100)).max(100).optional(),
      minVipLevel: z.number().int().min(0).max(10).optional(),
    })
    .default({}),
  firstResponseMinutes: z.number().int().min(1).max(525_600),
  resolutionMinutes: z.number().int().min(1).max(525_600),
  warnAtShare: z.number().gt(0).lt(1).default(0.8),
  order: z.number().int().min(0).max(10_000).default(100),
});

const MessageTemplateSchema = z.strictObject({
  key: TemplateKeySchema,
  name: z.string().trim().min(1).max(200),
  channel: z.enum(['reply', 'email', 'sms', 'webhook', 'in_app']),
  subject: Bilingual,
  body: Bilingual,
});

const Questions = z.array(z.string().trim().min(1).max(500)).max(50);
const ArticleSchema = z.strictObject({
  key: TemplateKeySchema,
  title: z.strictObject({ 'zh-CN': Text, en: Text }),
  questions: z.strictObject({ 'zh-CN': Questions, en: Questions }),
  answer: z.strictObject({ 'zh-CN': Text, en: Text }),
  tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
});

const SurveySchema = z.strictObject({
  kind: z.enum(['csat', 'nps']),
  channel: z.enum(['reply', 'email', 'sms']),
  expiresInDays: z.number().int().min(1).max(90),
  /** Scores below this open a review ticket for reviewTeam. */
  reviewBelow: z.number().int().min(1).max(11),
  reviewTeam: z.string().regex(TEAM_ID_RE),
});

export const TemplateManifestSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/),
  version: z.number().int().min(1),
  name: LocalizedTextSchema,
  description: LocalizedTextSchema,
  settings: z.array(SettingSchema).max(20).default([]),
  flows: z.array(FlowEntrySchema).min(1).max(30),
  categories: z.array(CategoryNodeSchema).min(1).max(100),
  teams: z.array(TeamSchema).min(1).max(50),
  agents: z.array(AgentSchema).max(200).default([]),
  slaPolicies: z.array(SlaPolicySchema).max(50).default([]),
  businessHours: CalendarSchema,
  messageTemplates: z.array(MessageTemplateSchema).max(200).default([]),
  knowledgeBase: z.array(ArticleSchema).max(500).default([]),
  survey: SurveySchema,
});
export type TemplateManifest = z.infer<typeof TemplateManifestSchema>;
