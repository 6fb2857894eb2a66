import type { JsonValue } from '@flowdesk/store';
import type { RequestHandler } from 'express';
import { type AppServices, DEFAULT_WORKSPACE_ID } from '../../app-deps.ts';
import { ROLES } from '../../auth/roles.ts';
import { AppError } from '../../http/app-error.ts';
import { parseInput } from '../../http/zod-details.ts';
import { apiKeyOf, requireApiKey } from '../../rest/api-key-auth.ts';
import { withIdempotency } from '../../rest/idempotency.ts';
import { IntakeAcceptedSchema, type IntakeRequest, IntakeRequestSchema } from '../../rest/intake.schema.ts';
import { jsonBody } from '../../rest/json-body.ts';
import { COMMON_ERRORS, type RestRoute } from '../../rest/rest-route.ts';
import { readChannel } from '../channel-settings.ts';
import { type VoiceCall, VoiceCallSchema } from './voice-call.schema.ts';

/**
 * `POST /api/v1/channels/voice`: a telephony provider reports a finished call
 * and it becomes a request on channel `phone`. Replies go back by SMS to the
 * caller (reply-routing.ts). Providers resend reports, so the call id is the
 * de-duplication key: a repeat gets the first answer and starts nothing.
 */

const SCOPE = 'channel:voice';

const AUDIO_TYPES: Record<string, string> = {
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  amr: 'audio/amr',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  opus: 'audio/opus',
};

function audioTypeOf(url: string): string {
  const extension = new URL(url).pathname.split('.').pop()?.toLowerCase() ?? '';
  return AUDIO_TYPES[extension] ?? 'audio/*';
}

export function intakeRequestOf(call: VoiceCall, conversationId: string): IntakeRequest {
  return parseInput(IntakeRequestSchema, {
    channel: 'phone',
    customer: { phone: call.callerNumber, ...(call.locale ? { locale: call.locale } : {}) },
    message: call.transcript,
    attachments: call.recordingUrl
      ? [
          {
            name: `call-${call.callId}`.slice(0, 255),
            contentType: audioTypeOf(call.recordingUrl),
            size: 0,
            url: call.recordingUrl,
          },
        ]
      : [],
    customFields: {
      durationSeconds: call.durationSeconds,
      ...(call.calledNumber ? { calledNumber: call.calledNumber } : {}),
      ...(call.startedAt ? { startedAt: call.startedAt } : {}),
    },
    metadata: { externalId: call.callId, conversationId },
  });
}

export function voiceRoute(services: AppServices): RestRoute {
  const switchedOn: RequestHandler = async (_request, _response, next) => {
    const state = await readChannel(services.store, 'voice');
    if (!state.enabled) throw new AppError('not_found', 'voice_channel_off');
    next();
  };

  const handle: RequestHandler = async (request, response) => {
    const call = parseInput(VoiceCallSchema, request.body);
    if (call.transcript.trim() === '') {
      throw new AppError('bad_request', 'voice_transcript_empty', { pointer: '/transcript' });
    }
    const apiKey = apiKeyOf(response);
    const now = services.clock.now();
    const conversationId = `phone-${services.ids.next()}`;
    const intake = intakeRequestOf(call, conversationId);
    const at = now.toISOString();
    const outcome = await withIdempotency(
      // The body is the call id alone: a resent report is a replay, never a conflict.
      { store: services.store, scope: SCOPE, key: call.callId, body: call.callId, now },
      async () => {
        const result = await services.runtime.intake(intake, {
          apiKeyId: apiKey.id,
          idempotency: { scope: SCOPE, key: call.callId },
          inTransaction: {
            // The call's transcript, so the ticket shows what was said and what we answered.
            before: async (tx) => {
              await tx.conversations.create({
                id: conversationId,
                workspaceId: DEFAULT_WORKSPACE_ID,
                channel: 'phone',
                customerKey: call.callerNumber,
                ticketId: null,
                tokenHash: null,
                createdAt: at,
                updatedAt: at,
              });
              await tx.conversations.appendMessage({
                id: `phone-in:${call.callId}`,
                conversationId,
                direction: 'in',
                author: 'customer',
                body: call.transcript,
                externalId: call.callId,
                createdAt: at,
              });
            },
          },
        });
        return { status: 202, body: result as unknown as JsonValue };
      },
    );
    if (outcome.replayed) response.setHeader('Idempotent-Replayed', 'true');
    response.status(outcome.response.status).json(outcome.response.body);
  };

  return {
    method: 'post',
    path: '/api/v1/channels/voice',
    doc: {
      operationId: 'receiveVoiceCall',
      summary: 'Voice: a finished call becomes a request',
      description:
        'A telephony provider reports a call (caller, transcript, recording). It enters the published flows as a ' +
        'request on channel `phone`; replies reach the caller by SMS. A repeated `callId` returns the first answer.',
      tags: ['Channels'],
      auth: true,
      requestBody: VoiceCallSchema,
      responses: {
        202: {
          description: 'Accepted; a repeat of the same call returns the first answer.',
          schema: IntakeAcceptedSchema,
          headers: {
            'Idempotent-Replayed': { description: '`true` on a replayed answer', schema: { type: 'string' } },
          },
        },
        ...COMMON_ERRORS,
        404: { description: 'The voice channel is switched off.' },
      },
    },
    handlers: [
      requireApiKey(services.store, ROLES.intakeClients),
      switchedOn,
      ...jsonBody(services.config.bodyLimitBytes),
      handle,
    ],
    intakeChannel: 'phone',
  };
}
