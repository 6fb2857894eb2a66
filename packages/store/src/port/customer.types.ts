/**
 * Customers: one profile per person, reached through any of their identities
 * (phone, email, an account on a channel). Identity values arrive normalised by
 * the desk; the store compares them exactly and keeps each one unique per
 * workspace, so two profiles can never claim the same phone.
 */

/** `phone`, `email`, or `channel:<channel>` for an account on a channel (`channel:wechat`). */
export type CustomerIdentityKind = 'phone' | 'email' | `channel:${string}`;

/** The languages customers are messaged in (the model's LOCALES). */
export type CustomerLocale = 'zh-CN' | 'en';

export interface CustomerIdentity {
  kind: CustomerIdentityKind;
  value: string;
}

export interface CustomerProfile {
  id: string;
  workspaceId: string;
  name: string | null;
  tags: string[];
  /** 0 for a regular customer; 1 and above are VIP tiers. */
  vipLevel: number;
  requestCount: number;
  complaintCount: number;
  lastContactAt: string | null;
  /**
   * The language they write in, kept from their latest request so flows without
   * a request (ticket events, surveys, schedules) answer in it; null while unknown.
   */
  locale: CustomerLocale | null;
  createdAt: string;
  updatedAt: string;
  /** Ordered by when each was added. */
  identities: CustomerIdentity[];
}

export interface CreateCustomerInput {
  id: string;
  workspaceId: string;
  name?: string | null;
  tags?: string[];
  vipLevel?: number;
  locale?: CustomerLocale | null;
  identities: CustomerIdentity[];
  now: string;
}

export type CustomerPatch = Partial<Pick<CustomerProfile, 'name' | 'tags' | 'vipLevel' | 'locale'>>;

export interface CustomerContact {
  /** Added to the counters (may be 0). */
  requests?: number;
  complaints?: number;
  /** Becomes lastContactAt when later than the stored one. */
  at: string;
}

export interface CustomerRepository {
  /** Throws StoreError('duplicate') when the id or one of the identities exists in the workspace. */
  create(input: CreateCustomerInput): Promise<CustomerProfile>;
  get(id: string): Promise<CustomerProfile | null>;
  /** The profiles of these ids that exist, by id (one read for a list's customers, not one per row). */
  getMany(ids: readonly string[]): Promise<Map<string, CustomerProfile>>;
  findByIdentity(workspaceId: string, identity: CustomerIdentity): Promise<CustomerProfile | null>;
  /**
   * Up to `limit` profiles of the workspace whose name contains `query` (ASCII
   * letters compared without case) or one of whose identities equals it whole, the
   * most recently updated first. For picking a customer by hand (the editor's test
   * run). Never by part of a contact: answers show contacts masked, and matching a
   * part would let a searcher rebuild one (server/privacy/contact-search.ts).
   */
  search(workspaceId: string, query: string, limit: number): Promise<CustomerProfile[]>;
  /**
   * Adds an identity to a profile. Returns false when the profile already has it;
   * throws StoreError('duplicate') when another profile has it and
   * StoreError('not_found') for an unknown profile.
   */
  addIdentity(customerId: string, identity: CustomerIdentity, now: string): Promise<boolean>;
  update(id: string, patch: CustomerPatch, now: string): Promise<CustomerProfile | null>;
  /** Adds to the counters atomically and moves lastContactAt forward. */
  recordContact(id: string, contact: CustomerContact): Promise<CustomerProfile | null>;
  /**
   * Folds `fromId` into `intoId`: identities move over, counters add up, tags
   * join, the higher VIP level and the later contact win, the
   * language of `intoId` wins when it has one, and `fromId` is
   * removed. Returns the merged profile, or null when either is unknown.
   */
  merge(intoId: string, fromId: string, now: string): Promise<CustomerProfile | null>;
}
