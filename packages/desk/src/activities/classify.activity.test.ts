import { describe, expect, it } from 'vitest';
import { classifyActivity } from './classify.activity.ts';

const categories = [
  {
    id: 'order_status',
    label: '订单状态',
    keywords: ['物流', '快递'],
    examples: ['我的包裹到哪里了', '订单什么时候发货', '几天能送到', 'where is my parcel'],
  },
  {
    id: 'returns',
    label: '退换货',
    keywords: ['退货'],
    examples: ['衣服不合适想换一件', '尺码太小了能换吗', '收到的东西坏了要退', 'I want my money back'],
  },
];

function command(message: string, threshold = 0.7) {
  return {
    kind: 'activity' as const,
    seq: 1,
    nodeId: 'classify',
    nodeType: 'logic.classify',
    visit: 1,
    config: { source: 'request.message', categories, threshold },
    input: { request: { message }, variables: {} },
  };
}

async function run(message: string, threshold?: number) {
  if (classifyActivity.mode !== 'inline') throw new Error('classify runs inline');
  return classifyActivity.run(command(message, threshold), {} as never);
}

describe('classify activity', () => {
  it('takes the category port on a keyword hit, with full confidence', async () => {
    const result = await run('快递三天了还没到');
    expect(result).toMatchObject({
      ok: true,
      port: 'order_status',
      output: {
        classification: { category: 'order_status', confidence: 1, source: 'keyword', threshold: 0.7 },
      },
    });
  });

  it('uses the model trained from the example phrases when no keyword decides', async () => {
    const result = await run('尺码太小了想换一件', 0.5);
    expect(result).toMatchObject({
      ok: true,
      port: 'returns',
      output: { classification: { source: 'model' } },
    });
  });

  it('sends unclear text to the low-confidence port', async () => {
    const result = await run('你好', 0.99);
    expect(result).toMatchObject({
      ok: true,
      port: 'low_confidence',
      output: { classification: { lowConfidence: true } },
    });
  });
});
