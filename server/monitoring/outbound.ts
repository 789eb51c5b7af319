/** Moved to server/net/outbound.ts; this stays for server/boot.ts until that file imports it there. */
export { setDemoRetailerOrigin } from '../net/outbound.ts';
