import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { AppServices } from '../app-deps.ts';
import { parseInput } from '../http/zod-details.ts';
import * as actions from '../tickets/ticket-actions.ts';
import {
  CategoryBody,
  ClaimBody,
  NoteBody,
  PriorityBody,
  ReopenBody,
  ReplyBody,
  ResolveBody,
  StatusBody,
  TICKET_ROLES,
} from '../tickets/ticket-inputs.ts';
import { apiKeyOf, requireApiKey } from './api-key-auth.ts';
import { jsonBody } from './json-body.ts';
import { COMMON_ERRORS, type ResponseDoc, type RestRoute } from './rest-route.ts';

/**
 * `/api/v1/tickets/...`: the agent actions for help-desk integrations (an
 * agent console, a CRM), behind an API key with the agent or admin role. The
 * history actor is the API key (`api-key:<id>`); claiming names the agent.
 */

function acting(response: Response): actions.Acting {
  const key = apiKeyOf(response);
  return { actor: { kind: 'user', id: `api-key:${key.id}` }, role: key.role };
}

function ticketId(request: Request): string {
  return String(request.params.id ?? '');
}

const DESK_ERRORS = {
  404: { description: 'No ticket with this id.' },
  409: {
    description:
      'The lifecycle does not allow this change (e.g. resolving a closed ticket); `from`, `to` and `allowed` list the transitions that are.',
  },
} as const satisfies Record<number, ResponseDoc>;

const QueueQuery = z
  .strictObject({
    agentId: z.string().min(1).max(200).optional(),
    teamId: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
  })
  .refine((query) => (query.agentId === undefined) !== (query.teamId === undefined), {
    message: 'Give exactly one of agentId and teamId',
    path: ['agentId'],
  });

const OverdueQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).optional() });

interface ActionSpec {
  name: string;
  summary: string;
  body: z.ZodType;
  run(services: AppServices, id: string, body: never, who: actions.Acting): Promise<unknown>;
}

const ACTIONS: ActionSpec[] = [
  {
    name: 'claim',
    summary: 'An agent takes the ticket',
    body: ClaimBody,
    run: (services, id, body: z.output<typeof ClaimBody>, who) =>
      actions.claim(services, id, body.agentId, who),
  },
  {
    name: 'reply',
    summary:
      'Answer the customer on the ticket’s channel (email is delivered through the outbox); 412 when the customer has no address, account or conversation there, and nothing is sent',
    body: ReplyBody,
    run: (services, id, body: z.output<typeof ReplyBody>, who) => actions.reply(services, id, body, who),
  },
  {
    name: 'status',
    summary: 'Change the status',
    body: StatusBody,
    run: (services, id, body: z.output<typeof StatusBody>, who) =>
      actions.changeStatus(services, id, body, who),
  },
  {
    name: 'priority',
    summary: 'Change the priority',
    body: PriorityBody,
    run: (services, id, body: z.output<typeof PriorityBody>, who) =>
      actions.changePriority(services, id, body.priority, who),
  },
  {
    name: 'category',
    summary: 'Set the category (confirming a ticket parked for it); the choice retrains the classifier',
    body: CategoryBody,
    run: (services, id, body: z.output<typeof CategoryBody>, who) =>
      actions.changeCategory(services, id, body.category, who),
  },
  {
    name: 'notes',
    summary: 'Add an internal note (never shown to the customer)',
    body: NoteBody,
    run: (services, id, body: z.output<typeof NoteBody>, who) =>
      actions.addNote(services, id, body.body, who),
  },
  {
    name: 'resolve',
    summary: 'Resolve with a solution summary of at most 100 characters',
    body: ResolveBody,
    run: (services, id, body: z.output<typeof ResolveBody>, who) =>
      actions.resolve(services, id, body.solution, who),
  },
  {
    name: 'reopen',
    summary: 'Reopen a resolved or closed ticket',
    body: ReopenBody,
    run: (services, id, body: z.output<typeof ReopenBody>, who) =>
      actions.reopen(services, id, body.note, who),
  },
];

const TICKET_ID_PARAM = [{ name: 'id', description: 'The ticket’s id.' }];

function actionRoute(services: AppServices, spec: ActionSpec): RestRoute {
  const handle: RequestHandler = async (request, response) => {
    const body = parseInput(spec.body, request.body ?? {});
    const result = await spec.run(services, ticketId(request), body as never, acting(response));
    response.status(200).json(result);
  };
  return {
    method: 'post',
    path: `/api/v1/tickets/:id/${spec.name}`,
    doc: {
      operationId: `ticket${spec.name[0]?.toUpperCase()}${spec.name.slice(1)}`,
      summary: spec.summary,
      tags: ['Tickets'],
      auth: true,
      pathParams: TICKET_ID_PARAM,
      requestBody: spec.body,
      responses: {
        200: { description: 'Done; the changed ticket (or the note).' },
        ...COMMON_ERRORS,
        ...DESK_ERRORS,
      },
    },
    handlers: [
      requireApiKey(services.store, TICKET_ROLES.agents),
      ...jsonBody(services.config.bodyLimitBytes),
      handle,
    ],
  };
}

export function ticketRoutes(services: AppServices): RestRoute[] {
  const auth = requireApiKey(services.store, TICKET_ROLES.agents);
  const queue: RestRoute = {
    method: 'get',
    path: '/api/v1/tickets/queue',
    doc: {
      operationId: 'ticketQueue',
      summary: 'An agent’s open tickets (?agentId=) or a team’s unassigned queue (?teamId=)',
      tags: ['Tickets'],
      auth: true,
      responses: { 200: { description: 'Tickets, most pressing first.' }, ...COMMON_ERRORS },
    },
    handlers: [
      auth,
      async (request, response) => {
        const query = parseInput(QueueQuery, request.query);
        const tickets = query.agentId
          ? await actions.agentQueue(services, query.agentId, query.limit)
          : await actions.teamQueue(services, query.teamId ?? '', query.limit);
        response.json({ items: tickets });
      },
    ],
  };
  const overdue: RestRoute = {
    method: 'get',
    path: '/api/v1/tickets/overdue',
    doc: {
      operationId: 'overdueTickets',
      summary: 'Open tickets past a due time with their SLA clock running (?limit=)',
      tags: ['Tickets'],
      auth: true,
      responses: { 200: { description: 'Tickets, earliest resolution due first.' }, ...COMMON_ERRORS },
    },
    handlers: [
      auth,
      async (request, response) => {
        const query = parseInput(OverdueQuery, request.query);
        response.json({ items: await actions.overdue(services, query.limit) });
      },
    ],
  };
  const detail: RestRoute = {
    method: 'get',
    path: '/api/v1/tickets/:id',
    doc: {
      operationId: 'getTicket',
      summary: 'A ticket with its history, internal notes and customer',
      tags: ['Tickets'],
      auth: true,
      pathParams: TICKET_ID_PARAM,
      responses: { 200: { description: 'The ticket in full.' }, ...COMMON_ERRORS, 404: DESK_ERRORS[404] },
    },
    handlers: [
      auth,
      async (request, response) => {
        response.json(await actions.ticketDetail(services, ticketId(request), apiKeyOf(response).role));
      },
    ],
  };
  // The queue and overdue lists are mounted before `:id`, which would otherwise take their names for ids.
  return [queue, overdue, detail, ...ACTIONS.map((spec) => actionRoute(services, spec))];
}
