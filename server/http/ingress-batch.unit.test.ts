/** The ingress's checks without I/O: shape, catalog, audience, company stamping, ids, limits. */
import { describe, expect, it } from 'vitest';
import { EVENT_CATALOG, EXTERNAL_EVENTS } from '../../shared/events/index.ts';
import { INGRESS_LIMITS } from '../../shared/events/ingress.ts';
import { parseIngressBody } from './ingress-batch.ts';

const COMPANY = '6f1d2f8e-3c1a-4c0b-9a53-1a7f0f3f0a11';
const OTHER = '0b6a1d3e-7f55-4f0e-8a1e-2a4b9c8d7e66';
const P1 = '3f0c5b8e-8e34-4c71-9d8a-0f6a2d1f9c11';
let n = 0;
const newId = () => `gen-${++n}`;
const parse = (body: unknown) => parseIngressBody(typeof body === 'string' ? body : JSON.stringify(body), COMPANY, newId);

describe('parseIngressBody', () => {
  it('accepts one event or an array, stamps the key\'s company over any companyId, namespaces ids', () => {
    const one = parse({ name: 'audit/requested', data: { companyId: OTHER, productIds: [P1] }, id: 'mine-1', ts: 1, v: '1' });
    expect(one).toEqual({ ok: true, events: [{ name: 'audit/requested', id: `ext:${COMPANY}:mine-1`, data: { companyId: COMPANY, productIds: [P1] } }] });
    const many = parse([{ name: 'notification/requested', data: { message: 'hi' } }, { name: 'listing/publish.requested' }]);
    expect(many.ok && many.events.map((e) => [e.name, e.id, e.data.companyId])).toEqual([
      ['notification/requested', expect.stringMatching(new RegExp(`^ext:${COMPANY}:gen-\\d+$`)), COMPANY],
      ['listing/publish.requested', expect.stringMatching(new RegExp(`^ext:${COMPANY}:gen-\\d+$`)), COMPANY],
    ]);
  });

  it('drops fields the event does not have (the stored payload is the schema\'s)', () => {
    const r = parse({ name: 'notification/requested', data: { message: 'hi', sneaky: { a: 1 } } });
    expect(r.ok && r.events[0]!.data).toEqual({ companyId: COMPANY, message: 'hi' });
  });

  it('refuses every internal event with 403 naming it', () => {
    for (const def of EVENT_CATALOG.filter((e) => e.audience === 'internal')) {
      expect(parse({ name: def.name, data: {} })).toEqual({ ok: false, status: 403, error: `${def.name} is internal: only Ember sends it`, issues: [{ path: 'name', message: `${def.name} is internal: only Ember sends it` }] });
    }
  });

  it('names an unknown event, a malformed field and the event\'s position in an array', () => {
    expect(parse({ name: 'billing/charged', data: {} })).toMatchObject({ ok: false, status: 400, error: 'name: unknown event "billing/charged"' });
    expect(parse({ name: 'audit/requested', data: { productIds: ['nope'] } })).toMatchObject({ ok: false, status: 400, error: 'data.productIds.0: Invalid UUID' });
    const r = parse([{ name: 'listing/publish.requested' }, { name: 'audit/requested', data: { productIds: [P1, 'x'] } }]);
    expect(r).toMatchObject({ ok: false, status: 400, error: '1.data.productIds.1: Invalid UUID' });
    expect(parse({ name: 'product/uploaded', data: { productIds: [P1] } })).toMatchObject({ ok: false, status: 400, issues: expect.arrayContaining([{ path: 'data.source', message: expect.any(String) }]) });
  });

  it('refuses a body that is not JSON, not an event, empty, or without a name', () => {
    expect(parse('{"name":')).toMatchObject({ ok: false, status: 400, error: 'the body is not JSON' });
    expect(parse('"audit/requested"')).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/^\(body\): /) });
    expect(parse([])).toMatchObject({ ok: false, status: 400 });
    expect(parse([{ data: {} }])).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/^0\.name: /) });
    expect(parse({ name: 'audit/requested', data: [1, 2] })).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/^data: /) });
    expect(parse({ name: 'audit/requested', id: '' })).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/^id: /) });
  });

  it('refuses NUL, lone surrogates and nesting past 64 with the field', () => {
    expect(parse('{"name":"notification/requested","data":{"message":"a\\u0000b"}}')).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/^data\.message: contains a NUL/) });
    expect(parse('{"name":"notification/requested","data":{"message":"\\ud800"}}')).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/^data\.message: contains an unpaired surrogate/) });
    const deep = `{"name":"notification/requested","data":{"message":"x","n":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
    expect(parse(deep)).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/is nested more than 64 levels deep$/) });
  });

  it('bounds events per request and bytes per event (413)', () => {
    const many = Array.from({ length: INGRESS_LIMITS.maxEvents + 1 }, () => ({ name: 'listing/publish.requested' }));
    expect(parse(many)).toMatchObject({ ok: false, status: 413, error: `at most ${INGRESS_LIMITS.maxEvents} events per request (this one has ${INGRESS_LIMITS.maxEvents + 1})` });
    const big = { name: 'notification/requested', data: { message: 'x', pad: 'y'.repeat(INGRESS_LIMITS.maxEventBytes) } };
    expect(parse(big)).toMatchObject({ ok: false, status: 413, error: expect.stringMatching(/^\(body\): the event is 257 KB/) });
  });

  it('judges the whole request: one bad event refuses all, with every event\'s issues', () => {
    const r = parse([{ name: 'workflow/run.cancelled', data: {} }, { name: 'audit/requested', data: { productIds: ['x'] } }, { name: 'listing/publish.requested' }]);
    expect(r).toMatchObject({ ok: false, status: 403, error: 'workflow/run.cancelled is internal: only Ember sends it', issues: [{ path: '0.name' }, { path: '1.data.productIds.0' }] });
  });

  it('knows the external events (the list the Settings page shows)', () => {
    expect(EXTERNAL_EVENTS.map((e) => e.name).sort()).toEqual(['audit/requested', 'enrichment/shadow.run', 'listing/publish.requested', 'notification/requested', 'product/uploaded', 'retailer/specs.check.requested', 'retailer/watchdog.requested']);
  });
});
