// The one JSON line every roseha PowerShell script prints: {"ok":true,"data":...} or the error record.
import { z } from 'zod';

const nullableString = z.string().nullish().transform((s) => s ?? '');

export const failureSchema = z.object({
  id: z.union([z.string(), z.number()]).nullish(),
  ok: z.literal(false),
  reason: nullableString,
  error: nullableString,
  type: nullableString,
  fqid: nullableString,
  category: nullableString,
  hresult: z.number().nullish(),
  win32: z.number().nullish(),
});
export type PsFailure = z.output<typeof failureSchema>;

export const successSchema = z.object({
  id: z.union([z.string(), z.number()]).nullish(),
  ok: z.literal(true),
  data: z.unknown(),
});

export const envelopeSchema = z.discriminatedUnion('ok', [successSchema, failureSchema]);
export type PsEnvelope = z.output<typeof envelopeSchema>;
