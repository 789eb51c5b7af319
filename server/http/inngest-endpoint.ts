/**
 * /api/inngest. With Inngest (dev or cloud mode) it is the SDK's serve handler, which verifies signatures in cloud
 * mode. In embedded mode the executor calls the functions in-process, so the endpoint only describes itself: an
 * unsigned endpoint that ran steps for anyone who asked would be a hole.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serve } from 'inngest/node';
import { inngest, inngestMode } from '../inngest/client.ts';
import type { InngestFunction } from 'inngest';

export function createInngestEndpoint(functions: InngestFunction.Any[]) {
  if (inngestMode.kind !== 'embedded') return serve({ client: inngest, functions, servePath: '/api/inngest' }) as (req: IncomingMessage, res: ServerResponse) => void;
  return (req: IncomingMessage, res: ServerResponse) => {
    const body = req.method === 'GET'
      ? { mode: 'embedded', function_count: functions.length, functions: functions.map((f) => f.id()), message: 'The embedded executor runs these functions in-process.' }
      : { message: 'The embedded executor drives functions in-process. Set INNGEST_DEV or INNGEST_SIGNING_KEY to serve Inngest here.' };
    res.writeHead(req.method === 'GET' ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
}
