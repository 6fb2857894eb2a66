import express, { type RequestHandler } from 'express';
import type { AppServices } from '../../app-deps.ts';
import { AppError } from '../../http/app-error.ts';
import { formatBytes } from '../../http/error-handler.ts';
import type { RestRoute } from '../../rest/rest-route.ts';
import { readChannel } from '../channel-settings.ts';
import { receiveWechatMessage, WECHAT_ACK } from './wechat-inbound.ts';
import { claimNonce } from './wechat-nonce.ts';
import { signatureMatches, timestampIsFresh } from './wechat-signature.ts';
import { parseWechatXml } from './wechat-xml.ts';

/**
 * The official-account webhook. No API key: the platform proves itself with
 * the signature over the token only it and we know. Order matters for
 * "nothing stored": switch and token, then signature and timestamp, then the
 * body, then the nonce (bound to that body, see wechat-nonce.ts).
 */

export const WECHAT_PATH = '/api/v1/channels/wechat';
/** Platform messages are a few hundred bytes; anything near this is not one. */
export const WECHAT_MAX_BODY_BYTES = 64 * 1024;
const ECHOSTR = /^[\x21-\x7E]{1,256}$/;

const SIGNATURE_QUERY = [
  {
    name: 'signature',
    description: 'SHA1 of the sorted token, timestamp and nonce, joined.',
    required: true,
  },
  {
    name: 'timestamp',
    description: 'Set by the platform (Unix seconds); refused when more than 5 minutes from our clock.',
    required: true,
  },
  {
    name: 'nonce',
    description: 'Set by the platform; refused when already used with a different body.',
    required: true,
  },
];

const NOT_SERVED = {
  401: {
    description:
      'The signature is missing or does not match the token, the timestamp is over 5 minutes off, ' +
      'or the nonce was already used with another body.',
  },
  404: { description: 'The WeChat channel is switched off or has no token.' },
};

/** The channel's settings, or 404 / 401 before anything else is looked at. */
async function verifiedSettings(services: AppServices, query: Record<string, unknown>) {
  const state = await readChannel(services.store, 'wechat');
  const token = state.settings.token;
  if (!state.enabled || !token) throw new AppError('not_found', 'wechat_channel_off');
  if (!signatureMatches(token, query)) throw new AppError('unauthenticated', 'wechat_signature_invalid');
  if (!timestampIsFresh(query.timestamp, services.clock.now())) {
    throw new AppError('unauthenticated', 'wechat_timestamp_stale');
  }
  return state.settings;
}

/** The raw XML as text, whatever content type the platform labels it with, up to the limit. */
function xmlBody(): RequestHandler {
  const parse = express.text({ type: () => true, limit: WECHAT_MAX_BODY_BYTES, defaultCharset: 'utf-8' });
  return (request, response, next) => {
    parse(request, response, (error?: unknown) => {
      if (!error) return next();
      const type = (error as { type?: unknown }).type;
      if (type === 'entity.too.large') {
        return next(
          new AppError('payload_too_large', 'payload_too_large', {
            params: { limit: formatBytes(WECHAT_MAX_BODY_BYTES) },
            pointer: '',
          }),
        );
      }
      if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
        return next(
          new AppError('bad_request', 'wechat_xml_invalid', {
            params: { detailEn: 'unsupported charset', detailZh: '不支持的字符集' },
          }),
        );
      }
      next(error);
    });
  };
}

export function wechatRoutes(services: AppServices): RestRoute[] {
  const verify: RequestHandler = async (request, response) => {
    await verifiedSettings(services, request.query);
    const echostr = request.query.echostr;
    if (typeof echostr !== 'string' || !ECHOSTR.test(echostr)) {
      throw new AppError('bad_request', 'invalid_request', {
        params: { detailEn: 'echostr is missing', detailZh: '缺少 echostr' },
        pointer: '/echostr',
      });
    }
    response.type('text/plain').send(echostr);
  };

  const authenticate: RequestHandler = async (request, response, next) => {
    response.locals.wechatSettings = await verifiedSettings(services, request.query);
    next();
  };

  const receive: RequestHandler = async (request, response) => {
    const body = typeof request.body === 'string' ? request.body : '';
    const message = parseWechatXml(body);
    // Both are strings: verifiedSettings checked them.
    const { timestamp, nonce } = request.query as { timestamp: string; nonce: string };
    const now = services.clock.now();
    if (!(await claimNonce(services.store, { timestamp, nonce, body, now }))) {
      throw new AppError('unauthenticated', 'wechat_nonce_reused');
    }
    const answer = await receiveWechatMessage(services, message, response.locals.wechatSettings);
    if (answer === WECHAT_ACK) response.type('text/plain').send(answer);
    else response.type('application/xml').send(answer);
  };

  return [
    {
      method: 'get',
      path: WECHAT_PATH,
      doc: {
        operationId: 'verifyWechatWebhook',
        summary: 'WeChat official account: URL verification',
        description:
          'The platform checks the server address once: a correct signature is answered with `echostr`.',
        tags: ['Channels'],
        auth: false,
        query: [
          ...SIGNATURE_QUERY,
          { name: 'echostr', description: 'Echoed back when the signature matches.', required: true },
        ],
        responses: {
          200: { description: 'The `echostr` value, as text.', mediaType: 'text/plain' },
          400: { description: '`echostr` is missing.' },
          ...NOT_SERVED,
        },
      },
      handlers: [verify],
    },
    {
      method: 'post',
      path: WECHAT_PATH,
      doc: {
        operationId: 'receiveWechatMessage',
        summary: 'WeChat official account: a follower’s message',
        description:
          'Text and recognised voice become a request on channel `wechat` (or a follow-up on the follower’s open ' +
          'ticket). What the flows reply before their first wait comes back as the passive XML reply; later ' +
          'replies go out as customer-service messages. A repeated MsgId gets the first answer and starts nothing.',
        tags: ['Channels'],
        auth: false,
        query: SIGNATURE_QUERY,
        rawRequestBody: {
          mediaType: 'text/xml',
          description: 'The platform’s message XML. DOCTYPE and entity declarations are refused.',
        },
        responses: {
          200: {
            description:
              'A passive text reply in XML, or `success` (text/plain) when there is nothing to say.',
            mediaType: 'application/xml',
          },
          400: { description: 'Not a valid message XML, or it declares a DOCTYPE or entities.' },
          ...NOT_SERVED,
          413: { description: 'The body is over 64 KB.' },
        },
      },
      handlers: [authenticate, xmlBody(), receive],
      intakeChannel: 'wechat',
    },
  ];
}
