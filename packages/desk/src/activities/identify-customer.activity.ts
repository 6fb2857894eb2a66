import type { FlowData } from '@flowdesk/engine';
import { isLocale, type Locale } from '@flowdesk/model';
import type { JsonObject } from '@flowdesk/store';
import type { ContactDetails } from '../customers/customer-identity.ts';
import { identifyCustomer } from '../customers/customer-service.ts';
import { detectLocale } from '../customers/detect-locale.ts';
import type { DeskDeps } from '../desk-deps.ts';
import { customerData } from '../desk-flow-data.ts';
import type { ActivityModule, TypedActivityHandler } from './activity.types.ts';
import { failure, runOnce, scopeFor } from './activity-support.ts';
import { simulated } from './simulation-support.ts';

type Loose = Record<string, unknown> | undefined;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

function fromObject(source: Loose, channel: unknown): ContactDetails | null {
  if (!source || typeof source !== 'object') return null;
  const contact: ContactDetails = {};
  const name = str(source.name);
  const phone = str(source.phone);
  const email = str(source.email);
  const channelId = str(source.channelId);
  const channelName = str(channel) ?? str(source.channel);
  if (name) contact.name = name;
  if (phone) contact.phone = phone;
  if (email) contact.email = email;
  if (channelId) contact.channelId = channelId;
  if (channelName) contact.channel = channelName;
  if (isLocale(source.locale)) contact.locale = source.locale;
  return phone || email || channelId ? contact : null;
}

/**
 * The language of a request: the one it states (the runtime sets `locale` to the
 * customer's, or to what the message reads as), else what its text reads as.
 */
function requestLocale(request: Loose): Locale | undefined {
  if (!request) return undefined;
  if (isLocale(request.locale)) return request.locale;
  const customer = request.customer as Loose;
  if (isLocale(customer?.locale)) return customer.locale;
  return detectLocale(
    [request.subject, request.message].filter((part) => typeof part === 'string').join('\n'),
  );
}

/** Who the flow is about: the request's sender, else the customer an event names. */
export function contactOf(data: FlowData): ContactDetails | null {
  const request = data.request as Loose;
  const payload = (data.event as Loose)?.payload as Loose;
  const sender = fromObject(request?.customer as Loose, request?.channel);
  if (sender) {
    const locale = requestLocale(request);
    return locale ? { ...sender, locale } : sender;
  }
  return fromObject(data.customer as Loose, undefined) ?? fromObject(payload?.customer as Loose, undefined);
}

export function identifyCustomerActivity(deps: DeskDeps): TypedActivityHandler<'action.identify_customer'> {
  return {
    mode: 'inline',
    run: (command, ctx) =>
      runOnce(command, ctx, async () => {
        const config = command.config;
        const contact = contactOf(command.input) ?? {};
        const result = await identifyCustomer(scopeFor(ctx, deps), contact, {
          by: config.by,
          createIfMissing: config.createIfMissing,
        });
        if (!result.ok) return failure(result.error);
        if (!result.value) {
          return {
            ok: false,
            error: {
              code: 'desk.customer_not_found',
              params: {},
              retryable: false,
            },
          };
        }
        return { ok: true, output: { customer: customerData(result.value.profile, result.value.isNew) } };
      }),
  };
}

/**
 * The test run's customer as the real lookup would leave them: this request
 * counted, a missing name taken from it, and the language it is written in.
 */
function identifiedInSimulation(profile: JsonObject, contact: ContactDetails | null): JsonObject {
  const requests = typeof profile.requestCount === 'number' ? profile.requestCount : 0;
  return {
    ...profile,
    name: profile.name ?? contact?.name ?? null,
    phone: profile.phone ?? contact?.phone ?? null,
    email: profile.email ?? contact?.email ?? null,
    locale: contact?.locale ?? profile.locale ?? null,
    requestCount: requests + 1,
  };
}

/**
 * A dry run has no customers to look up: it shows the profile the test run was
 * given, else a new one made from what the request says.
 */
export const identifyCustomerModule: ActivityModule<'action.identify_customer', DeskDeps> = {
  type: 'action.identify_customer',
  handler: identifyCustomerActivity,
  simulate: (command, simulation) => {
    if (simulation.customer) {
      return simulated({ customer: identifiedInSimulation(simulation.customer, contactOf(command.input)) });
    }
    const identity = (command.input.request?.customer ?? {}) as Record<string, unknown>;
    return simulated({
      customer: { id: 'dry-run-customer', isNew: true, vipLevel: 0, tags: [], ...identity },
    });
  },
};
