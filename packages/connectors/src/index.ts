export { assertPublicAddress, isPrivateAddress } from './outbound-guard.ts';
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
