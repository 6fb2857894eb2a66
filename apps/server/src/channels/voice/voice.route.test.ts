import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSmsGateway } from '@flowdesk/connectors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../auth/api-keys.ts';
import { createServices } from '../../boot/app-services.ts';
import { loadServerConfig } from '../../config/server-config.ts';
import { createApp } from '../../http/create-app.ts';
import { CustomerLinks } from '../../links/customer-links.ts';
import { ChannelOutbox } from '../../runtime/outbox/channel-outbox.ts';
import { connectChannels } from '../../runtime/outbox/outbox-channels.ts';
import {
  createRuntimeHarness,
  HttpSink,
  type RuntimeHarness,
  sequentialIds,
  ticketAndReplyFlow,
} from '../../runtime/runtime-test-kit.ts';
import { updateChannel } from '../channel-settings.ts';

/**
 * A telephony provider reports a call over real HTTP; the published flow opens
 * a ticket and replies, and the reply reaches the caller through a loopback
 * server playing the SMS gateway.
 */

const smsGateway = new HttpSink();
let harness: RuntimeHarness;
let server: Server;
let base = '';
let apiKey = '';

beforeAll(async () => {
  const gatewayUrl = await smsGateway.start();
  harness = await createRuntimeHarness({
    outbox: connectChannels(new ChannelOutbox(), { sms: createSmsGateway({ url: `${gatewayUrl}/sms` }) }),
  });
  const { store } = harness;
  apiKey = (await createApiKey(store, { id: 'pbx', name: 'PBX', role: 'agent', now: harness.clock.now() }))
    .secret;
  const app = createApp(
    createServices({
      store,
      config: loadServerConfig({}),
      clock: harness.clock,
      ids: sequentialIds('http'),
      runtime: harness.runtime,
      links: new CustomerLinks(store, undefined),
    }),
  );
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await harness.publish(
    'phone-intake',
    ticketAndReplyFlow({
      channels: ['phone'],
      reply: {
        'zh-CN': '来电已记录（{{ request.message }}），工单号 {{ ticket.number }}',
        en: 'Call logged, ticket {{ ticket.number }}',
      },
    }),
  );
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await smsGateway.stop();
  await harness.close();
});

const call = {
  callId: 'call-2026-0001',
  callerNumber: '+8613812345678',
  calledNumber: '4008001234',
  transcript: '我的订单 {{ order.id }} 还没发货 {% raw %}',
  recordingUrl: 'https://recordings.example.cn/2026/call-0001.mp3',
  durationSeconds: 95,
  startedAt: '2026-11-22T00:58:00+08:00',
  locale: 'zh-CN',
};

function post(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${base}/api/v1/channels/voice`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}`, ...headers },
    body: JSON.stringify(body),
  });
}

async function ticketCount(): Promise<number> {
  return (await harness.store.tickets.list()).length;
}

describe('POST /api/v1/channels/voice', () => {
  let ticketNumber = '';
  let firstAnswer: unknown;

  it('turns a call into a phone ticket and texts the reply to the caller', async () => {
    const response = await post(call);
    expect(response.status).toBe(202);
    firstAnswer = await response.json();
    const { produced } = firstAnswer as { produced: { ticketNumber: string; replies: { text: string }[] } };
    ticketNumber = produced.ticketNumber;
    expect(ticketNumber).toMatch(/^CS\d+$/);
    expect(produced.replies[0]?.text).toBe(`来电已记录（${call.transcript}），工单号 ${ticketNumber}`);

    const ticket = await harness.store.tickets.getByNumber(ticketNumber);
    expect(ticket).toMatchObject({ channel: 'phone', description: call.transcript });
    const [execution] = (await harness.store.executions.list({})).items;
    const stored = await harness.store.executions.get(execution?.id ?? '');
    const state = stored?.state as { data: { request: Record<string, unknown> } } | undefined;
    const request = state?.data.request;
    expect(request).toMatchObject({
      channel: 'phone',
      customer: { phone: call.callerNumber, locale: 'zh-CN' },
      message: call.transcript,
      attachments: [
        { name: 'call-call-2026-0001', contentType: 'audio/mpeg', size: 0, url: call.recordingUrl },
      ],
      customFields: { durationSeconds: 95, calledNumber: '4008001234', startedAt: call.startedAt },
      metadata: { externalId: call.callId },
    });

    await harness.drain();
    expect(smsGateway.received).toHaveLength(1);
    expect(smsGateway.received[0]?.path).toBe('/sms');
    expect(JSON.parse(smsGateway.received[0]?.body ?? '{}')).toMatchObject({
      to: call.callerNumber,
      text: `来电已记录（${call.transcript}），工单号 ${ticketNumber}`,
    });
  });

  it('acknowledges a resent call report with the first answer and starts nothing', async () => {
    const before = await ticketCount();
    const repeat = await post({ ...call, durationSeconds: 96 });
    expect(repeat.status).toBe(202);
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    expect(await repeat.json()).toEqual(firstAnswer);
    expect(await ticketCount()).toBe(before);
    await harness.drain();
    expect(smsGateway.received).toHaveLength(1);
  });

  it('refuses an empty transcript with a translated 400', async () => {
    const before = await ticketCount();
    const response = await post(
      { ...call, callId: 'call-empty', transcript: '   ' },
      { 'accept-language': 'zh-CN' },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: {
        code: 'voice_transcript_empty',
        pointer: '/transcript',
        message: '通话转写内容为空，无法创建请求',
      },
    });
    expect(await ticketCount()).toBe(before);
  });

  it('refuses unknown fields and a non-http recording address', async () => {
    expect((await post({ ...call, callId: 'call-x', extra: 1 })).status).toBe(400);
    expect((await post({ ...call, callId: 'call-y', recordingUrl: 'file:///etc/passwd' })).status).toBe(400);
  });

  it('answers 404 while the voice channel is switched off, storing nothing', async () => {
    await updateChannel(harness.store, { channel: 'voice', enabled: false }, harness.clock.now());
    try {
      const before = await ticketCount();
      const response = await post({ ...call, callId: 'call-off' }, { 'accept-language': 'en' });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({
        error: { code: 'voice_channel_off', message: 'The voice channel is switched off' },
      });
      expect(await ticketCount()).toBe(before);
    } finally {
      await updateChannel(harness.store, { channel: 'voice', enabled: true }, harness.clock.now());
    }
  });
});
