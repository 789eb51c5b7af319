/** Field schemas several events share. */
import { z } from 'zod';
import { ACTOR_TYPES } from '../catalog/vocab.ts';

export const CompanyId = z.string().uuid();
export const Uuid = z.string().uuid();
export const Actor = z.object({ type: z.enum(ACTOR_TYPES), id: z.string() });
