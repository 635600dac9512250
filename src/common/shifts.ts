import { z } from 'zod';

/** Schemas and types of duty posts and shift handovers, shared by server and web. */

export const POST_KINDS = ['gate', 'patrol', 'control_room', 'fee', 'parking'] as const;
export const postKindSchema = z.enum(POST_KINDS);

const text = (max: number) => z.string().trim().min(1).max(max);

export const postInputSchema = z.object({
  communityId: z.uuid(),
  name: text(40),
  kind: postKindSchema,
  checklist: z
    .array(z.object({ name: text(30), expected: z.number().int().min(0).max(100_000).meta({ description: 'How many the post should hold (cash: yuan)' }) }))
    .min(1)
    .max(30)
    .meta({ description: 'Equipment and items counted at every handover' }),
});
export type PostInput = z.input<typeof postInputSchema>;
export const postUpdateSchema = postInputSchema.omit({ communityId: true, kind: true });

export const countInputSchema = z.object({
  key: z.string().min(1).max(20),
  count: z.number().int().min(0).max(1_000_000),
  note: text(200).optional().meta({ description: 'Why the count differs (required when it does)' }),
});

export const handOverSchema = z.object({
  counts: z.array(countInputSchema).min(1).max(30),
  openMatters: text(1000).optional().meta({ description: 'Pending and key matters the next shift must know' }),
  signatureId: z.uuid().meta({ description: 'The outgoing guard’s signature (attachment of kind signature, drawn by them)' }),
});
export type HandOverInput = z.input<typeof handOverSchema>;

export const takeOverSchema = z.object({
  counts: z.array(countInputSchema).min(1).max(30),
  signatureId: z.uuid().meta({ description: 'The incoming guard’s signature' }),
});
export type TakeOverInput = z.input<typeof takeOverSchema>;

const itemCount = z.object({ key: z.string(), name: z.string(), expected: z.number(), count: z.number(), note: z.string().nullable() });

export const handoverSchema = z.object({
  id: z.uuid(),
  postId: z.uuid(),
  postName: z.string(),
  status: z.enum(['awaiting_incoming', 'completed']),
  outgoingName: z.string(),
  outgoingCounts: z.array(itemCount),
  openMatters: z.string().nullable(),
  handedAt: z.string(),
  incomingName: z.string().nullable(),
  incomingCounts: z.array(itemCount).nullable(),
  takenAt: z.string().nullable(),
  included: z
    .array(z.object({ type: z.string(), id: z.uuid(), facts: z.record(z.string(), z.union([z.string(), z.number(), z.null()])) }))
    .meta({ description: 'Records other modules add to the handover (a fee post: `fee_shift_close`, the cashier’s closed drawer)' }),
  allowedActions: z.array(z.enum(['takeOver'])),
});
export type Handover = z.infer<typeof handoverSchema>;

export const postSchema = z.object({
  id: z.uuid(),
  communityId: z.uuid(),
  name: z.string(),
  kind: postKindSchema,
  checklist: z.array(z.object({ key: z.string(), name: z.string(), expected: z.number() })),
  onDutyName: z.string().nullable(),
  onDutySince: z.string().nullable(),
  onDutyIsMe: z.boolean(),
  openHandover: handoverSchema.nullable(),
  allowedActions: z.array(z.enum(['startDuty', 'handOver', 'configure'])),
});
export type DutyPost = z.infer<typeof postSchema>;
