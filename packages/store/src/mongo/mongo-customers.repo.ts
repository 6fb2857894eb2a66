import type { ClientSession } from 'mongoose';
import type {
  CustomerIdentityKind,
  CustomerLocale,
  CustomerProfile,
  CustomerRepository,
} from '../port/customer.types.ts';
import { StoreError } from '../port/store-error.ts';
import { normalizeIso } from '../shared/time.ts';
import { escapeRegExp, type MongoContext, translateMongoError } from './mongo-context.ts';
import type { CustomerDoc, CustomerIdentityDoc } from './mongo-desk-models.ts';

/** Documents written before customers had a language have no field at all. */
function localeOf(value: string | null | undefined): CustomerLocale | null {
  return value === 'zh-CN' || value === 'en' ? value : null;
}

function laterOf(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

export function createMongoCustomerRepository(ctx: MongoContext): CustomerRepository {
  const { customers, customerIdentities } = ctx.models;

  async function load(id: string, session: ClientSession | undefined): Promise<CustomerProfile | null> {
    const doc = await customers
      .findById(id)
      .session(session ?? null)
      .lean<CustomerDoc>()
      .exec();
    if (!doc) return null;
    const identities = await customerIdentities
      .find({ customerId: id })
      .sort({ seq: 1 })
      .session(session ?? null)
      .lean<CustomerIdentityDoc[]>()
      .exec();
    return toProfile(doc, identities);
  }

  async function loadMany(ids: readonly string[], session: ClientSession | undefined) {
    const unique = [...new Set(ids)];
    const found = new Map<string, CustomerProfile>();
    if (unique.length === 0) return found;
    const docs = await customers
      .find({ _id: { $in: unique } })
      .session(session ?? null)
      .lean<CustomerDoc[]>()
      .exec();
    const identities = await customerIdentities
      .find({ customerId: { $in: unique } })
      .sort({ seq: 1 })
      .session(session ?? null)
      .lean<CustomerIdentityDoc[]>()
      .exec();
    const byCustomer = new Map<string, CustomerIdentityDoc[]>();
    for (const identity of identities) {
      const list = byCustomer.get(identity.customerId) ?? [];
      list.push(identity);
      byCustomer.set(identity.customerId, list);
    }
    for (const doc of docs) found.set(doc._id, toProfile(doc, byCustomer.get(doc._id) ?? []));
    return found;
  }

  function toProfile(doc: CustomerDoc, identities: readonly CustomerIdentityDoc[]): CustomerProfile {
    return {
      id: doc._id,
      workspaceId: doc.workspaceId,
      name: doc.name ?? null,
      tags: doc.tags ?? [],
      vipLevel: doc.vipLevel,
      requestCount: doc.requestCount,
      complaintCount: doc.complaintCount,
      lastContactAt: doc.lastContactAt ?? null,
      locale: localeOf(doc.locale),
      createdAt: doc.createdAt,
      updatedAt: doc.updatedAt,
      identities: identities.map((identity) => ({
        kind: identity.kind as CustomerIdentityKind,
        value: identity.value,
      })),
    };
  }

  async function nextSeq(customerId: string, session: ClientSession): Promise<number> {
    const last = await customerIdentities
      .findOne({ customerId })
      .sort({ seq: -1 })
      .session(session)
      .lean<CustomerIdentityDoc>()
      .exec();
    return (last?.seq ?? 0) + 1;
  }

  return {
    create: (input) =>
      ctx.atomic(async (session) => {
        const now = normalizeIso(input.now);
        try {
          await customers.insertMany(
            [
              {
                _id: input.id,
                workspaceId: input.workspaceId,
                name: input.name ?? null,
                tags: input.tags ?? [],
                vipLevel: input.vipLevel ?? 0,
                requestCount: 0,
                complaintCount: 0,
                lastContactAt: null,
                locale: input.locale ?? null,
                createdAt: now,
                updatedAt: now,
              },
            ],
            { session },
          );
          if (input.identities.length > 0) {
            await customerIdentities.insertMany(
              input.identities.map((identity, index) => ({
                workspaceId: input.workspaceId,
                kind: identity.kind,
                value: identity.value,
                customerId: input.id,
                addedAt: now,
                seq: index + 1,
              })),
              { session, ordered: true },
            );
          }
        } catch (error) {
          translateMongoError(error, `Customer ${input.id} or one of its identities`);
        }
        return (await load(input.id, session)) as CustomerProfile;
      }),

    get: (id) => load(id, ctx.session),
    getMany: (ids) => loadMany(ids, ctx.session),

    async search(workspaceId, query, limit) {
      const contains = new RegExp(escapeRegExp(query), 'i');
      const owners = await customerIdentities
        .find({ workspaceId, value: query })
        .limit(limit)
        .session(ctx.session ?? null)
        .lean<CustomerIdentityDoc[]>()
        .exec();
      const docs = await customers
        .find({
          workspaceId,
          $or: [{ name: contains }, { _id: { $in: owners.map((doc) => doc.customerId) } }],
        })
        .sort({ updatedAt: -1, _id: 1 })
        .limit(limit)
        .session(ctx.session ?? null)
        .lean<CustomerDoc[]>()
        .exec();
      const profiles = await Promise.all(docs.map((doc) => load(doc._id, ctx.session)));
      return profiles.flatMap((profile) => profile ?? []);
    },

    async findByIdentity(workspaceId, identity) {
      const doc = await customerIdentities
        .findOne({ workspaceId, kind: identity.kind, value: identity.value })
        .session(ctx.session ?? null)
        .lean<CustomerIdentityDoc>()
        .exec();
      return doc ? load(doc.customerId, ctx.session) : null;
    },

    addIdentity: (customerId, identity, now) =>
      ctx.atomic(async (session) => {
        const customer = await customers.findById(customerId).session(session).lean<CustomerDoc>().exec();
        if (!customer) throw new StoreError('not_found', `Customer ${customerId} does not exist`);
        const owner = await customerIdentities
          .findOne({ workspaceId: customer.workspaceId, kind: identity.kind, value: identity.value })
          .session(session)
          .lean<CustomerIdentityDoc>()
          .exec();
        if (owner?.customerId === customerId) return false;
        if (owner) throw new StoreError('duplicate', `Identity ${identity.kind} belongs to another customer`);
        const at = normalizeIso(now);
        try {
          await customerIdentities.insertMany(
            [
              {
                workspaceId: customer.workspaceId,
                kind: identity.kind,
                value: identity.value,
                customerId,
                addedAt: at,
                seq: await nextSeq(customerId, session),
              },
            ],
            { session },
          );
        } catch (error) {
          translateMongoError(error, `Identity ${identity.kind}`);
        }
        await customers.updateOne({ _id: customerId }, { $set: { updatedAt: at } }, { session }).exec();
        return true;
      }),

    async update(id, patch, now) {
      const set: Record<string, unknown> = { updatedAt: normalizeIso(now) };
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.tags !== undefined) set.tags = patch.tags;
      if (patch.vipLevel !== undefined) set.vipLevel = patch.vipLevel;
      if (patch.locale !== undefined) set.locale = patch.locale;
      const result = await customers.updateOne({ _id: id }, { $set: set }, { session: ctx.session }).exec();
      return result.matchedCount > 0 ? load(id, ctx.session) : null;
    },

    async recordContact(id, contact) {
      const at = normalizeIso(contact.at);
      // $inc and $max are applied by the server, so concurrent contacts all count.
      const result = await customers
        .updateOne(
          { _id: id },
          {
            $inc: { requestCount: contact.requests ?? 0, complaintCount: contact.complaints ?? 0 },
            $max: { lastContactAt: at, updatedAt: at },
          },
          { session: ctx.session },
        )
        .exec();
      return result.matchedCount > 0 ? load(id, ctx.session) : null;
    },

    merge: (intoId, fromId, now) =>
      ctx.atomic(async (session) => {
        if (intoId === fromId) return load(intoId, session);
        const into = await load(intoId, session);
        const from = await load(fromId, session);
        if (!into || !from) return null;
        await customers
          .updateOne(
            { _id: intoId },
            {
              $set: {
                name: into.name ?? from.name,
                tags: [...new Set([...into.tags, ...from.tags])],
                vipLevel: Math.max(into.vipLevel, from.vipLevel),
                requestCount: into.requestCount + from.requestCount,
                complaintCount: into.complaintCount + from.complaintCount,
                lastContactAt: laterOf(into.lastContactAt, from.lastContactAt),
                locale: into.locale ?? from.locale,
                updatedAt: normalizeIso(now),
              },
            },
            { session },
          )
          .exec();
        let seq = into.identities.length;
        for (const identity of from.identities) {
          seq += 1;
          await customerIdentities
            .updateOne(
              { workspaceId: from.workspaceId, kind: identity.kind, value: identity.value },
              { $set: { customerId: intoId, seq } },
              { session },
            )
            .exec();
        }
        await customers.deleteOne({ _id: fromId }, { session }).exec();
        return load(intoId, session);
      }),
  };
}
