import { z } from 'zod';

/** Input pieces several routers share. */
export const FlowIdInput = z.strictObject({ id: z.string().min(1).max(200) });
export const VersionNumber = z.number().int().min(1);
export const NoteInput = z.string().max(2000);
