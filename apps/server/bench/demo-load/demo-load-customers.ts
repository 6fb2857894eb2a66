import type { CreateCustomerInput, StoreRepositories } from '@flowdesk/store';
import type { SeededRandom } from './demo-load-random.ts';

/**
 * The generated customers: a third as many as tickets, a few of them writing
 * very often (the draw is skewed to low indexes), VIP tiers 1–3 for about one
 * in six, each reachable by phone and email, and chat/WeChat accounts for some.
 */

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '晓东',
  '雪',
];
const FIRST = ['Emily', 'James', 'Anna', 'David', 'Grace', 'Lucas', 'Mia', 'Noah', 'Olivia', 'Ethan'];
const LAST = ['Carter', 'Schmidt', 'Lin', 'Wong', 'Miller', 'Tan', 'Garcia', 'Kim', 'Brown', 'Lee'];
const TAGS = ['会员', '企业客户', '老客户', '批发', '敏感客户'];

export interface GeneratedCustomer {
  id: string;
  name: string;
  email: string;
  phone: string;
  /** Their account on the chat widget. */
  channelKey: string;
  locale: 'zh-CN' | 'en';
  vipLevel: number;
  createdMs: number;
}

export function customerCount(tickets: number): number {
  return Math.max(50, Math.ceil(tickets / 3));
}

/** Which customer writes a request: skewed, so a few regulars have dozens of tickets (the profile's history). */
export function pickCustomer(random: SeededRandom, count: number): number {
  return Math.min(count - 1, Math.floor(count * random.next() ** 1.7));
}

export function makeCustomer(random: SeededRandom, index: number, createdMs: number): GeneratedCustomer {
  const english = random.chance(0.2);
  const name = english
    ? `${random.pick(FIRST)} ${random.pick(LAST)}`
    : `${random.pick(SURNAMES)}${random.pick(GIVEN)}`;
  const vip = random.weighted([84, 11, 4, 1]);
  return {
    id: random.uuid(createdMs),
    name,
    email: `customer${index}@example.cn`,
    phone: `166${String(index).padStart(8, '0')}`,
    channelKey: `visitor-${index}`,
    locale: english ? 'en' : 'zh-CN',
    vipLevel: vip,
    createdMs,
  };
}

export async function writeCustomer(
  tx: StoreRepositories,
  random: SeededRandom,
  customer: GeneratedCustomer,
): Promise<void> {
  const identities: CreateCustomerInput['identities'] = [
    { kind: 'phone', value: customer.phone },
    { kind: 'email', value: customer.email },
  ];
  if (random.chance(0.3)) identities.push({ kind: 'channel:chat', value: customer.channelKey });
  const tags = customer.vipLevel > 0 ? ['会员'] : random.chance(0.1) ? [random.pick(TAGS)] : [];
  await tx.customers.create({
    id: customer.id,
    workspaceId: 'default',
    name: customer.name,
    tags,
    vipLevel: customer.vipLevel,
    locale: customer.locale,
    identities,
    now: new Date(customer.createdMs).toISOString(),
  });
}

/** Their request and complaint counters and last contact, once at the end (as many intakes would have left them). */
export async function writeCustomerContacts(
  tx: StoreRepositories,
  customer: GeneratedCustomer,
  contacts: { requests: number; complaints: number; lastMs: number },
): Promise<void> {
  if (contacts.requests === 0) return;
  await tx.customers.recordContact(customer.id, {
    requests: contacts.requests,
    complaints: contacts.complaints,
    at: new Date(contacts.lastMs).toISOString(),
  });
}
