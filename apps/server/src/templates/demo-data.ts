import { type LocalizedText, text } from '@flowdesk/model';

/**
 * The built-in demo order and spare-parts systems the retail and manufacturing
 * templates call until a business points them at its own. Fixed data, so the
 * templates' sample tests and a first-time visitor see the same answers.
 */

export const DEMO_NOTE = text(
  '这是 FlowDesk 内置的演示服务，数据是虚构的。请在模板设置中改为贵公司自己的系统地址。',
  'This is FlowDesk’s built-in demo service with made-up data. Point the template’s setting at your own system.',
);

export interface DemoOrder {
  readonly orderNo: string;
  readonly status: 'processing' | 'shipped' | 'delivered' | 'unpaid';
  readonly statusText: LocalizedText;
  readonly paid: boolean;
  readonly amount: number;
  readonly currency: 'CNY';
  readonly carrier: string | null;
  readonly trackingNo: string | null;
  /** Days since the customer signed for it; null before delivery. */
  readonly deliveredDaysAgo: number | null;
}

const order = (
  orderNo: string,
  status: DemoOrder['status'],
  amount: number,
  extra: Partial<DemoOrder> = {},
): DemoOrder => ({
  orderNo,
  status,
  statusText: STATUS_TEXT[status],
  paid: status !== 'unpaid',
  amount,
  currency: 'CNY',
  carrier: null,
  trackingNo: null,
  deliveredDaysAgo: null,
  ...extra,
});

const STATUS_TEXT = {
  processing: text('已付款，仓库备货中', 'paid, being packed'),
  shipped: text('运输中', 'in transit'),
  delivered: text('已签收', 'delivered'),
  unpaid: text('待付款', 'awaiting payment'),
} as const;

const SF = { carrier: '顺丰速运 SF Express' };

export const DEMO_ORDERS: ReadonlyMap<string, DemoOrder> = new Map(
  [
    order('DD1001', 'shipped', 299, { ...SF, trackingNo: 'SF1234567890' }),
    order('DD1002', 'unpaid', 89),
    order('DD1003', 'unpaid', 2599),
    order('DD1004', 'delivered', 459, { ...SF, trackingNo: 'SF2234567890', deliveredDaysAgo: 3 }),
    order('DD1005', 'delivered', 199, {
      carrier: '中通快递 ZTO',
      trackingNo: 'ZT7788990011',
      deliveredDaysAgo: 15,
    }),
    order('DD1006', 'delivered', 1899, { ...SF, trackingNo: 'SF3234567890', deliveredDaysAgo: 2 }),
    order('DD1007', 'processing', 329),
  ].map((item) => [item.orderNo, item]),
);

export interface DemoPart {
  readonly model: string;
  readonly partNo: string;
  readonly name: LocalizedText;
  readonly stock: number;
  readonly reorderLevel: number;
  readonly lowStock: boolean;
}

const part = (model: string, partNo: string, name: LocalizedText, stock: number, reorderLevel: number) => ({
  model,
  partNo,
  name,
  stock,
  reorderLevel,
  lowStock: stock <= reorderLevel,
});

/** The usual wear part of each demo machine model. */
export const DEMO_PARTS: ReadonlyMap<string, DemoPart> = new Map(
  [
    part('CNC-850', 'SP-850-SPINDLE', text('主轴轴承组件', 'spindle bearing kit'), 12, 3),
    part('HP-200', 'SP-200-SEAL', text('液压缸密封圈套件', 'hydraulic cylinder seal kit'), 1, 4),
    part('AC-75', 'SP-75-FAN', text('冷却风机', 'cooling fan'), 6, 2),
  ].map((item) => [item.model, item]),
);
