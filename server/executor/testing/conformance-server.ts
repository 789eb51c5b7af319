// A separate app process for the HTTP conformance run: serves the conformance functions with the SDK's own node
// adapter and sends its events to the executor's event API. Prints `LISTENING <port>` when ready.
//   node --import tsx server/executor/testing/conformance-server.ts <databaseUrl> <eventApiOrigin>
import { createServer } from 'inngest/node';
import type { AddressInfo } from 'node:net';
import { buildConformanceApp } from './conformance-app.ts';

const [databaseUrl, eventApi] = process.argv.slice(2);
if (!databaseUrl || !eventApi) throw new Error('usage: conformance-server.ts <databaseUrl> <eventApiOrigin>');
const app = buildConformanceApp({ databaseUrl, baseUrl: eventApi });
const server = createServer({ client: app.inngest, functions: app.functions, servePath: '/api/inngest' });
server.listen(0, '127.0.0.1', () => process.stdout.write(`LISTENING ${(server.address() as AddressInfo).port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
