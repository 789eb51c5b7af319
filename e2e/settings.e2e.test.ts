/**
 * Settings → Event keys in the browser, end to end: an admin creates a key (shown once, copied), sends an event with it
 * to the app's ingress, sees its last use, revokes it, and the same request is then refused. An editor has no
 * Settings in the nav and is told the page is for admins.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTERNAL_EVENTS } from '../shared/events/index.ts';
import { launchBrowser } from './browser.ts';
import { openPage, poll, signIn, snap } from './helpers.ts';

const SLUG = 'copper-kettle';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('settings: event keys', () => {
  it('creates a key shown once, sends an event with it, revokes it, and the ingress then refuses it', async () => {
    const { page, pageErrors, close } = await openPage(browser);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page, 'priya@copperkettle.example', SLUG);
    await page.getByTestId('nav-settings').click();
    await page.waitForURL(`**/supplier/${SLUG}/settings`);
    await page.getByTestId('settings-page').waitFor();
    await poll(() => page.getByTestId('external-event-row').count()).toBe(EXTERNAL_EVENTS.length);
    expect(await page.getByTestId('send-events-snippet').textContent()).toContain('/e/$EMBER_EVENT_KEY');

    await page.getByTestId('new-event-key').click();
    await page.getByRole('textbox', { name: 'Name' }).fill('ERP product feed');
    await page.getByTestId('event-key-create').click();
    const secret = page.getByTestId('event-key-secret');
    await poll(() => secret.inputValue()).toMatch(/^ek_live_[A-Za-z0-9_-]{40}$/);
    const key = await secret.inputValue();
    await page.getByTestId('copy-event-key').click();
    await poll(() => page.getByTestId('create-event-key-dialog').getByTestId('copy-status').textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await snap(page, 'settings-new-key');
    await page.getByTestId('event-key-done').click();

    // The list shows the prefix only, never the key.
    const row = page.getByTestId('event-key-row').filter({ has: page.getByTestId('event-key-name').getByText('ERP product feed', { exact: true }) });
    await poll(() => row.getByTestId('event-key-prefix').textContent()).toBe(`${key.slice(0, 14)}…`);
    expect(await page.content()).not.toContain(key);
    expect(await row.getByTestId('event-key-last-used').textContent()).toBe('Never');

    const send = () => page.request.post(`/e/${key}`, { data: { name: 'audit/requested', data: { retailer: 'walmart_us' } } });
    const accepted = await send();
    expect(accepted.status()).toBe(200);
    expect(await accepted.json()).toMatchObject({ status: 200, ids: [expect.stringMatching(/^ext:/)] });
    const internal = await page.request.post(`/e/${key}`, { data: { name: 'workflow/run.cancelled', data: {} } });
    expect({ status: internal.status(), body: await internal.json() }).toMatchObject({ status: 403, body: { error: 'workflow/run.cancelled is internal: only Ember sends it' } });

    await page.reload();
    await poll(() => row.getByTestId('event-key-last-used').textContent()).not.toBe('Never');

    await row.getByRole('button', { name: 'Revoke ERP product feed' }).click();
    await page.getByTestId('revoke-event-key-dialog').getByText('cannot be undone', { exact: false }).waitFor();
    await page.getByTestId('confirm-revoke').click();
    await poll(() => row.getAttribute('data-revoked')).toBe('true');
    await row.getByTestId('event-key-revoked').waitFor();
    await snap(page, 'settings-revoked');

    const refused = await send();
    expect({ status: refused.status(), body: await refused.json() }).toEqual({ status: 401, body: { status: 401, error: 'Event key not found or revoked' } });
    expect(pageErrors).toEqual([]);
    await close();
  });

  it('is for admins: an editor has no Settings in the nav and is told why on the page', async () => {
    const { page, pageErrors, close } = await openPage(browser);
    await signIn(page, 'marcus@copperkettle.example', SLUG);
    await page.getByTestId('nav-metrics').waitFor();
    expect(await page.getByTestId('nav-settings').count()).toBe(0);
    await page.goto(`/supplier/${SLUG}/settings`);
    await page.getByText('Settings are for admins').waitFor();
    expect(await page.getByTestId('new-event-key').count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await close();
  });
});
