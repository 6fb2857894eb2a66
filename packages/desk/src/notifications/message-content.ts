import { type FlowData, renderTemplate, TemplateRenderError } from '@flowdesk/engine';
import type { Locale, LocalizedTemplate, LocalizedText } from '@flowdesk/model';
import type { StoreRepositories } from '@flowdesk/store';
import { deskMessage } from '../desk-messages.ts';

/** Where a message's text comes from: a stored template, or the node's own subject and body. */
export interface MessageContentConfig {
  templateId?: string;
  subject?: LocalizedTemplate;
  body?: LocalizedTemplate;
}

/** A field the text names but the data lacks: the send goes on with nothing (or its `| default:`) in its place. */
export interface MessageWarning {
  code: 'notification.field_missing';
  field: string;
  message: LocalizedText;
}

export type ComposedMessage =
  | { ok: true; subject: string; body: string; warnings: MessageWarning[] }
  | {
      ok: false;
      code: 'notification.template_not_found' | 'notification.template_failed';
      /** What the desk catalog needs to write the message again, in any language. */
      params: Readonly<Record<string, string>>;
      message: LocalizedText;
    };

/** The text in the wanted language, falling back to the other one when that is empty. */
export function pickLocalized(
  template: Readonly<Record<string, string | undefined>> | undefined,
  locale: Locale,
): string {
  if (!template) return '';
  const wanted = template[locale];
  if (wanted?.trim()) return wanted;
  return template['zh-CN'] ?? template.en ?? '';
}

/**
 * Renders subject and body against the flow data with the engine's safe
 * template renderer (placeholders, `mask`). A missing field never fails the
 * send: it renders as nothing (or as its `| default:`), never as its path,
 * and is reported as a warning. A missing or
 * broken template is the admin's to fix, so it fails the step.
 */
export async function composeMessage(
  tx: StoreRepositories,
  config: MessageContentConfig,
  data: FlowData,
  locale: Locale,
): Promise<ComposedMessage> {
  let subjectSource = pickLocalized(config.subject, locale);
  let bodySource = pickLocalized(config.body, locale);
  if (config.templateId) {
    const template = await tx.messageTemplates.get(config.templateId);
    if (!template) {
      return {
        ok: false,
        code: 'notification.template_not_found',
        params: { id: config.templateId },
        message: deskMessage('notification.template_not_found', { id: config.templateId }),
      };
    }
    subjectSource = pickLocalized(template.subject, locale);
    bodySource = pickLocalized(template.body, locale);
  }
  try {
    const subject = renderTemplate(subjectSource, data, { locale });
    const body = renderTemplate(bodySource, data, { locale });
    const fields = [...new Set([...subject.missing, ...body.missing])];
    return {
      ok: true,
      subject: subject.text,
      body: body.text,
      warnings: fields.map((field) => ({
        code: 'notification.field_missing',
        field,
        message: deskMessage('notification.field_missing', { field }),
      })),
    };
  } catch (error) {
    if (!(error instanceof TemplateRenderError)) throw error;
    return {
      ok: false,
      code: 'notification.template_failed',
      params: { detail: error.message },
      message: deskMessage('notification.template_failed', { detail: error.message }),
    };
  }
}
