import { parseInboundMail } from '@flowdesk/connectors';
import type { Request, RequestHandler } from 'express';
import { z } from 'zod';
import type { AppServices } from '../../app-deps.ts';
import { ROLES } from '../../auth/roles.ts';
import { AppError } from '../../http/app-error.ts';
import { formatBytes } from '../../http/error-handler.ts';
import { requireApiKey } from '../../rest/api-key-auth.ts';
import { COMMON_ERRORS, type RestRoute } from '../../rest/rest-route.ts';
import { readChannel } from '../channel-settings.ts';
import { EmailIntake } from './email-intake.ts';

/**
 * `POST /api/v1/channels/email`: raw MIME for deployments whose mail arrives
 * elsewhere (a mail provider's webhook, a relay script). Same intake as the
 * SMTP listener; the recipients checked are the mail's To and Cc.
 */

const MEDIA_TYPES = ['message/rfc822', 'text/plain', 'application/octet-stream'];

export const EmailAcceptedSchema = z
  .strictObject({
    requestId: z.string().optional(),
    ticketNumber: z.string().optional(),
    threadedTo: z.string().optional().meta({ description: 'The ticket the reply was added to.' }),
    duplicate: z.boolean().meta({ description: 'The Message-ID was seen before; nothing new was done.' }),
  })
  .meta({ description: 'What became of the mail.' });

function tooLarge(limit: number): AppError {
  return new AppError('payload_too_large', 'payload_too_large', {
    params: { limit: formatBytes(limit) },
    pointer: '',
  });
}

/** Reads the body up to `limit` bytes; beyond it, the rest is discarded unread and nothing is kept. */
function readRawBody(request: Request, limit: number): Promise<Buffer> {
  const declared = Number(request.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    request.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total <= limit) {
        chunks.push(chunk);
        return;
      }
      if (settled) return;
      settled = true;
      chunks.length = 0;
      request.removeAllListeners('data');
      request.resume();
      reject(tooLarge(limit));
    });
    request.on('end', () => {
      if (!settled) resolve(Buffer.concat(chunks));
      settled = true;
    });
    request.on('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
  });
}

export function emailRoute(services: AppServices): RestRoute {
  const intake = new EmailIntake(services);
  const handle: RequestHandler = async (request, response) => {
    if (!request.is(MEDIA_TYPES)) throw new AppError('unsupported_media_type', 'email_media_type');
    const { enabled, settings } = await readChannel(services.store, 'email');
    if (!enabled) throw new AppError('not_found', 'email_channel_off');
    const raw = await readRawBody(request, settings.maxMessageBytes);
    const mail = await parseInboundMail(raw);
    const answer = await intake.receive(mail, mail.to);
    if (answer.duplicate) response.setHeader('Idempotent-Replayed', 'true');
    response.status(202).json(answer);
  };

  return {
    method: 'post',
    path: '/api/v1/channels/email',
    doc: {
      operationId: 'receiveEmail',
      summary: 'Receive an email as raw MIME',
      description:
        'For deployments that receive mail elsewhere. The mail must be addressed (To/Cc) to one of the email ' +
        'channel’s addresses. A reply in a known thread (In-Reply-To/References, or the ticket number in the ' +
        'subject from the ticket’s customer) is added to that ticket; anything else becomes a new request. ' +
        'A Message-ID seen before is acknowledged again without doing anything.',
      tags: ['Channels'],
      auth: true,
      rawRequestBody: {
        mediaType: 'message/rfc822',
        description:
          'The whole mail, headers and body (text/plain and application/octet-stream are accepted too).',
      },
      responses: {
        202: { description: 'Accepted.', schema: EmailAcceptedSchema },
        400: { description: 'No To/Cc address is one of the email channel’s addresses.' },
        401: COMMON_ERRORS[401],
        403: COMMON_ERRORS[403],
        404: { description: 'The email channel is switched off.' },
        409: { description: 'The same Message-ID is being processed right now; retry shortly.' },
        413: {
          description: 'The mail is larger than the email channel’s maxMessageBytes; nothing is stored.',
        },
        415: { description: 'The body is not message/rfc822, text/plain or application/octet-stream.' },
      },
    },
    handlers: [requireApiKey(services.store, ROLES.intakeClients), handle],
    intakeChannel: 'email',
  };
}
