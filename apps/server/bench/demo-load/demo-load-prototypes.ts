import type {
  CustomerProfile,
  ExecutionRecord,
  ExecutionStep,
  Store,
  Ticket,
  TicketHistoryEntry,
} from '@flowdesk/store';

/**
 * What the real runtime wrote for one execution of a demo flow, kept as JSON
 * text so a clone is one pass of substitutions (fresh ids, the new ticket
 * number and customer, times moved) and one JSON.parse: the clone has the very
 * shape the runtime writes, down to the step inputs and outputs.
 */
export interface ExecutionPrototype {
  /** `retail` or `manufacturing`: the template the flow came from. */
  template: string;
  kind: 'intake' | 'off_hours';
  startedMs: number;
  /** `{ execution, steps, ticket, history }` as JSON. */
  text: string;
  /** The literal texts of the sample's customer (name, contacts), replaced by the generated customer's. */
  customerLiterals: { name: string | null; email: string | null; phone: string | null; other: string[] };
  ticketNumber: string | null;
  hasTicket: boolean;
  /** The sample customer's id: it becomes the generated customer's, not a fresh id. */
  customerId: string | null;
}

export interface PrototypeDocument {
  execution: ExecutionRecord;
  steps: ExecutionStep[];
  ticket: Ticket | null;
  history: TicketHistoryEntry[];
}

function templateOfFlow(flowId: string): string {
  return flowId.startsWith('tpl-manufacturing-') ? 'manufacturing' : 'retail';
}

/** Reads every execution of the captured demo workspace through the store API. */
export async function readPrototypes(store: Store): Promise<ExecutionPrototype[]> {
  const prototypes: ExecutionPrototype[] = [];
  const page = await store.executions.list({ limit: 500 });
  for (const item of page.items) {
    const execution = await store.executions.get(item.id);
    if (!execution) continue;
    const kind = execution.flowId.endsWith('-off-hours') ? 'off_hours' : 'intake';
    const steps = await store.executions.listSteps(item.id);
    const ticket = item.ticketNumber ? await store.tickets.getByNumber(item.ticketNumber) : null;
    const history = ticket ? await store.ticketHistory.list(ticket.id) : [];
    const customer: CustomerProfile | null = item.customer?.id
      ? await store.customers.get(item.customer.id)
      : null;
    const identities = customer?.identities ?? [];
    const document: PrototypeDocument = { execution, steps, ticket, history };
    prototypes.push({
      template: templateOfFlow(execution.flowId),
      kind,
      startedMs: Date.parse(execution.startedAt),
      text: JSON.stringify(document),
      customerLiterals: {
        name: customer?.name ?? item.customer?.name ?? null,
        email:
          identities.find((identity) => identity.kind === 'email')?.value ?? item.customer?.email ?? null,
        phone:
          identities.find((identity) => identity.kind === 'phone')?.value ?? item.customer?.phone ?? null,
        other: identities
          .filter((identity) => identity.kind !== 'email' && identity.kind !== 'phone')
          .map((identity) => identity.value),
      },
      ticketNumber: ticket?.number ?? null,
      hasTicket: ticket !== null,
      customerId: customer?.id ?? null,
    });
  }
  return prototypes.sort((a, b) => a.startedMs - b.startedMs || a.text.localeCompare(b.text));
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
const ISO = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{3})?Z';

function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface CloneTarget {
  /** A fresh id for each id of the prototype (execution, ticket, request, step keys), same one for same one. */
  newId: (atMs: number) => string;
  shiftMs: number;
  ticketNumber: string | null;
  /** The customer's id in the new workspace, and the literals that replace the sample's. */
  customerId: string | null;
  customer: { name: string; email: string; phone: string; channelKey: string };
}

/**
 * A clone of the prototype: ids renewed consistently, every ISO time moved by
 * `shiftMs`, the ticket number and the customer swapped. The sample's customer
 * id maps to the target customer.
 */
export function clonePrototype(prototype: ExecutionPrototype, target: CloneTarget): PrototypeDocument {
  const { chunks, holes } = templateOf(prototype);
  const literals = prototype.customerLiterals;
  const swaps = new Map<string, string>();
  if (literals.name) swaps.set(literals.name, target.customer.name);
  if (literals.email) swaps.set(literals.email, target.customer.email);
  if (literals.phone) swaps.set(literals.phone, target.customer.phone);
  for (const other of literals.other) swaps.set(other, target.customer.channelKey);
  if (prototype.ticketNumber && target.ticketNumber) swaps.set(prototype.ticketNumber, target.ticketNumber);
  const fresh = new Map<string, string>();
  const times = new Map<number, string>();
  let text = chunks[0] as string;
  for (let i = 0; i < holes.length; i++) {
    const hole = holes[i] as Hole;
    let value: string;
    if (hole.kind === 'id') {
      if (hole.text === prototype.customerId && target.customerId) value = target.customerId;
      else {
        value = fresh.get(hole.text) ?? target.newId(prototype.startedMs + target.shiftMs);
        fresh.set(hole.text, value);
      }
    } else if (hole.kind === 'time') {
      const ms = hole.ms + target.shiftMs;
      value = times.get(ms) ?? new Date(ms).toISOString();
      times.set(ms, value);
    } else value = swaps.get(hole.text) ?? hole.text;
    text += value + (chunks[i + 1] as string);
  }
  return JSON.parse(text) as PrototypeDocument;
}

type Hole = { kind: 'id'; text: string } | { kind: 'time'; ms: number } | { kind: 'literal'; text: string };

/** The prototype's text cut at every id, time and sample literal: cloning joins the pieces, no search. */
interface PrototypeTemplate {
  chunks: string[];
  holes: Hole[];
}

const TEMPLATES = new WeakMap<ExecutionPrototype, PrototypeTemplate>();

function templateOf(prototype: ExecutionPrototype): PrototypeTemplate {
  const cached = TEMPLATES.get(prototype);
  if (cached) return cached;
  const { name, email, phone, other } = prototype.customerLiterals;
  const literals = [name, email, phone, ...other, prototype.ticketNumber]
    .filter((literal): literal is string => literal !== null && literal.length > 2)
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp);
  const pattern = new RegExp(
    [`(${UUID})`, `(${ISO})`, ...(literals.length > 0 ? [`(${literals.join('|')})`] : [])].join('|'),
    'g',
  );
  const chunks: string[] = [];
  const holes: Hole[] = [];
  let last = 0;
  for (const match of prototype.text.matchAll(pattern)) {
    const index = match.index;
    chunks.push(prototype.text.slice(last, index));
    const [whole, uuid, iso] = match;
    holes.push(
      uuid
        ? { kind: 'id', text: uuid }
        : iso
          ? { kind: 'time', ms: Date.parse(iso) }
          : { kind: 'literal', text: whole },
    );
    last = index + whole.length;
  }
  chunks.push(prototype.text.slice(last));
  const template = { chunks, holes };
  TEMPLATES.set(prototype, template);
  return template;
}
