import { z } from 'zod';
import { errorBodySchema } from '../../../../common/api';

/** Error responses every work-order route may give. */
export const ERRORS = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
} as const;

export const idParams = z.object({ id: z.uuid() });
export const tags = ['work orders'];
