export { type GuardedRequestInit, guardedFetch } from './guarded-fetch.ts';
export {
  type InboundMail,
  type MailAddress,
  type MailAttachmentInfo,
  parseInboundMail,
} from './inbound/parse-inbound-mail.ts';
export { stripQuotedHistory } from './inbound/quoted-history.ts';
export {
  InboundMailRefusal,
  type SmtpEnvelope,
  type SmtpListener,
  type SmtpListenerOptions,
  startSmtpListener,
} from './inbound/smtp-listener.ts';
export {
  type AddressResolver,
  assertPublicAddress,
  guardedLookup,
  isPrivateAddress,
  type OutboundGuardOptions,
  OutboundRefusal,
} from './outbound-guard.ts';
export { createSmsGateway, type SmsGatewayOptions, type SmsMessage, type SmsSender } from './sms-gateway.ts';
export {
  createSmtpSender,
  type EmailMessage,
  messageIdDigest,
  messageIdFor,
  type SmtpSender,
  type SmtpSenderOptions,
  textToHtml,
} from './smtp-sender.ts';
export { type ReceivedMail, SmtpSink } from './testing/smtp-sink.ts';
export { type PostWebhookOptions, postWebhook, signWebhook } from './webhook.ts';
