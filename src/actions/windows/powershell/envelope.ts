// The one JSON line every roseha PowerShell script prints: {"ok":true,"data":...} or the error record.
import * as v from 'valibot';

/** A string; null or a missing key reads as "". */
const nullableString = v.nullish(v.string(), '');
const finite = v.pipe(v.number(), v.finite());
const optionalNumber = v.nullish(finite);
const id = v.nullish(v.union([v.string(), finite]));

export const failureSchema = v.object({
  id,
  ok: v.literal(false),
  reason: nullableString,
  error: nullableString,
  type: nullableString,
  fqid: nullableString,
  category: nullableString,
  hresult: optionalNumber,
  win32: optionalNumber,
});
export type PsFailure = v.InferOutput<typeof failureSchema>;

export const successSchema = v.object({
  id,
  ok: v.literal(true),
  data: v.unknown(),
});

// An array has no "ok": the variant refuses it.
export const envelopeSchema = v.variant('ok', [successSchema, failureSchema]);
export type PsEnvelope = v.InferOutput<typeof envelopeSchema>;
