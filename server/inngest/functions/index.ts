/** Every Inngest function the server hosts, one file each; the serve handler and the executor take this list. */
import type { InngestFunction } from 'inngest';

export const functions: InngestFunction.Any[] = [];
