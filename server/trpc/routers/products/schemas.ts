import { z } from 'zod';

export const ProductIdSchema = z.object({ id: z.uuid() });
export const CodeSchema = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'codes are snake_case');
