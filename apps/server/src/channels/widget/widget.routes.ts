import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Request, RequestHandler } from 'express';
import type { AppServices } from '../../app-deps.ts';
import { AppError } from '../../http/app-error.ts';
import { clientKey } from '../../http/client-key.ts';
import { parseInput } from '../../http/zod-details.ts';
import { jsonBody } from '../../rest/json-body.ts';
import type { RestRoute } from '../../rest/rest-route.ts';
import { readChannel } from '../channel-settings.ts';
import {
  ChatMessageSchema,
  ConversationStartedSchema,
  MessageAcceptedSchema,
  StartConversationSchema,
  WidgetConfigSchema,
} from './widget.schema.ts';
import { sendChatMessage, startConversation } from './widget-conversations.ts';
import { widgetChannel, widgetCors } from './widget-cors.ts';
import { streamConversation } from './widget-events.ts';
import { rateLimited, WidgetRateLimits } from './widget-rate-limit.ts';
import { tokenMatches } from './widget-token.ts';

/** Where `npm run build` puts the widget (apps/web/dist-widget), seen from this file. */
export const DEFAULT_WIDGET_FILE = fileURLToPath(
  new URL('../../../../web/dist-widget/widget.js', import.meta.url),
);

/** A chat message plus the form's fields; far smaller than the API's general limit. */
const WIDGET_BODY_LIMIT = 32 * 1024;
const BASE = '/api/v1/channels/widget';
const TAGS = ['Web widget'];

const ERRORS = {
  400: { description: 'A field is missing or wrong (contact not a phone or email, unknown category…).' },
  403: {
    description:
      'No allowed origin is set yet (`widget_no_allowed_origins`: the widget stays off), or the page’s ' +
      'origin is not in the widget’s allowed origins (`widget_origin_refused`).',
  },
  404: { description: 'The widget channel is switched off, or the conversation does not exist.' },
  413: { description: 'The body is over 32 KB.' },
  429: { description: 'Too many calls from this address; see Retry-After.' },
} as const;

const ID_PARAM = [{ name: 'id', description: 'The conversation id from the start answer.' }];

async function conversationFor(services: AppServices, request: Request, token: string) {
  const conversation = await services.store.conversations.get(String(request.params.id));
  if (!conversation || !['chat', 'web_form'].includes(conversation.channel)) {
    throw new AppError('not_found', 'widget_conversation_not_found');
  }
  if (!tokenMatches(token, conversation.tokenHash))
    throw new AppError('unauthenticated', 'widget_token_invalid');
  return conversation;
}

function bearerToken(request: Request): string {
  const header = request.get('authorization') ?? '';
  return header.startsWith('Bearer ') ? header.slice(7).trim() : '';
}

export function widgetRoutes(services: AppServices, widgetFile = DEFAULT_WIDGET_FILE): RestRoute[] {
  const limiter = new WidgetRateLimits(services.rateLimits);
  const cors = widgetCors(services);
  const body = jsonBody(WIDGET_BODY_LIMIT);

  const script: RequestHandler = (_request, response) => {
    if (!existsSync(widgetFile)) throw new AppError('not_found', 'widget_script_missing');
    // Loaded by <script> on other sites: allowed cross-origin, cached briefly (the name is not hashed).
    response.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    response.setHeader('Cache-Control', 'public, max-age=300');
    response.type('application/javascript; charset=utf-8');
    response.sendFile(widgetFile);
  };

  const config: RequestHandler = async (_request, response) => {
    const { settings } = await widgetChannel(services);
    response.setHeader('Cache-Control', 'no-cache');
    response.json({
      mode: settings.defaultMode,
      categories: settings.categories,
      greeting: settings.greeting,
    });
  };

  const start: RequestHandler = async (request, response) => {
    const input = parseInput(StartConversationSchema, request.body);
    const { settings } = await readChannel(services.store, 'widget');
    const started = await startConversation(services, input, {
      ip: request.ip,
      userAgent: request.get('user-agent'),
      categories: settings.categories,
    });
    let progressUrl: string | undefined;
    if (started.ticketNumber && (await readChannel(services.store, 'progress_page')).enabled) {
      // The configured public URL, never the request's Host header (links.types.ts).
      progressUrl = await services.links.storedTicket(started.ticketNumber, services.clock.now());
    }
    response.setHeader('Cache-Control', 'no-store');
    response.status(201).json({ ...started, ...(progressUrl ? { progressUrl } : {}) });
  };

  const message: RequestHandler = async (request, response) => {
    const conversation = await conversationFor(services, request, bearerToken(request));
    const input = parseInput(ChatMessageSchema, request.body);
    response.status(202).json(await sendChatMessage(services, conversation, input.message));
  };

  const events: RequestHandler = async (request, response) => {
    const token = typeof request.query.token === 'string' ? request.query.token : '';
    const conversation = await conversationFor(services, request, token);
    streamConversation(services.widgetStreams, request, response, conversation.id, clientKey(request.ip));
  };

  return [
    {
      method: 'get',
      path: '/widget.js',
      doc: {
        operationId: 'widgetScript',
        summary: 'The embeddable chat and form widget',
        description:
          'Embed with `<script src="https://desk.example/widget.js" data-workspace="default" data-mode="chat" ' +
          'data-lang="zh-CN" async></script>`; it finds the API at the origin it was loaded from.',
        tags: TAGS,
        auth: false,
        responses: {
          200: { description: 'The widget script.', mediaType: 'application/javascript' },
          404: { description: 'The widget has not been built.' },
        },
      },
      handlers: [script],
    },
    {
      method: 'get',
      path: `${BASE}/config`,
      doc: {
        operationId: 'widgetConfig',
        summary: 'The widget’s public settings',
        tags: TAGS,
        auth: false,
        responses: {
          200: { description: 'Mode, categories and greeting.', schema: WidgetConfigSchema },
          ...ERRORS,
        },
      },
      handlers: [cors, config],
    },
    {
      method: 'post',
      path: `${BASE}/conversations`,
      doc: {
        operationId: 'widgetStartConversation',
        summary: 'Start a chat or submit the form',
        description:
          'Starts the published flows for the request (channel `chat` or `web_form`). The answer holds the ' +
          'conversation token (keep it: only its hash is stored) and the flows’ immediate replies.',
        tags: TAGS,
        auth: false,
        requestBody: StartConversationSchema,
        responses: { 201: { description: 'Started.', schema: ConversationStartedSchema }, ...ERRORS },
      },
      handlers: [cors, rateLimited(limiter, 'start'), ...body, start],
      intakeChannel: 'chat',
    },
    {
      method: 'post',
      path: `${BASE}/conversations/:id/messages`,
      doc: {
        operationId: 'widgetSendMessage',
        summary: 'Send a later chat message',
        description: 'Authorization: Bearer <conversation token>. Replies arrive on the event stream.',
        tags: TAGS,
        auth: false,
        pathParams: ID_PARAM,
        requestBody: ChatMessageSchema,
        responses: {
          202: { description: 'Recorded.', schema: MessageAcceptedSchema },
          401: { description: 'Missing or wrong conversation token.' },
          ...ERRORS,
        },
      },
      handlers: [cors, rateLimited(limiter, 'message'), ...body, message],
      intakeChannel: 'chat',
    },
    {
      method: 'get',
      path: `${BASE}/conversations/:id/events`,
      doc: {
        operationId: 'widgetConversationEvents',
        summary: 'The conversation as Server-Sent Events',
        description:
          'Each stored message is an event `message` with id = its seq and JSON data {seq, direction, author, ' +
          'body, createdAt}; a comment every 15 s keeps the connection open. Honours Last-Event-ID. ' +
          'At most 2 streams per conversation (a new one closes the oldest) and 20 per address (429).',
        tags: TAGS,
        auth: false,
        pathParams: ID_PARAM,
        query: [
          {
            name: 'token',
            description: 'The conversation token (EventSource cannot send headers).',
            required: true,
          },
          { name: 'after', description: 'Only messages with a larger seq (default 0: all).' },
        ],
        responses: {
          200: { description: 'The event stream.', mediaType: 'text/event-stream' },
          401: { description: 'Missing or wrong conversation token.' },
          ...ERRORS,
        },
      },
      handlers: [cors, rateLimited(limiter, 'events'), events],
    },
  ];
}
