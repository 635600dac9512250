import { z } from 'zod';
import { errorBodySchema } from '../../common/api';

/** Error responses a module's routes may give (400 validation, 401, 403, 404, 409). */
export const ERRORS = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
} as const;

/** Path parameters of a route addressing one record by its uuid. */
export const idParams = z.object({ id: z.uuid() });
