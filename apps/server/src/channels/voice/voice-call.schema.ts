import { LOCALES } from '@flowdesk/model';
import { z } from 'zod';
import { MAX_MESSAGE_LENGTH } from '../../rest/intake.schema.ts';

/** A finished call as a telephony provider reports it. */

const PhoneNumber = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^\+?[0-9][0-9 ()-]*$/);

export const VoiceCallSchema = z
  .strictObject({
    /** The provider's id of the call; a repeat with the same id is the same call. */
    callId: z.string().regex(/^[\x21-\x7E]{1,200}$/),
    callerNumber: PhoneNumber,
    calledNumber: PhoneNumber.optional(),
    /** What the customer said, from speech recognition. */
    transcript: z.string().max(MAX_MESSAGE_LENGTH),
    recordingUrl: z
      .url({ protocol: /^https?$/, error: 'value.url' })
      .max(2048)
      .optional(),
    durationSeconds: z.number().int().min(0).max(86_400),
    startedAt: z.iso.datetime({ offset: true }).optional(),
    locale: z.enum(LOCALES).optional(),
  })
  .meta({ description: 'A call record: who called, what was said, and the recording.' });
export type VoiceCall = z.infer<typeof VoiceCallSchema>;
