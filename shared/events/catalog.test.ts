import { describe, expect, it } from 'vitest';
import { EVENT_CATALOG, EXTERNAL_EVENT_NAMES, eventDef, isExternalEvent, parseEvent } from './index.ts';

const companyId = '3f0c5b8e-8e34-4c71-9d8a-0f6a2d1f9c11';

describe('the event catalog', () => {
  it('names each event once, as area/name, with a description', () => {
    const names = EVENT_CATALOG.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const e of EVENT_CATALOG) {
      expect(e.name).toMatch(/^[a-z0-9_.-]+\/[a-z0-9_.-]+$/);
      expect(e.description.length).toBeGreaterThan(10);
    }
  });

  it('keeps the engine’s own events internal: workflow runs, gates, cancellation, field changes, uploads', () => {
    for (const name of ['workflow/triggered', 'workflow/human_gate.resolved', 'workflow/run.cancelled', 'product/field.changed', 'asset/uploaded', 'task/created', 'task/escalation.requested']) {
      expect(isExternalEvent(name), name).toBe(false);
    }
    expect(EXTERNAL_EVENT_NAMES.every((n) => !n.startsWith('workflow/') && !n.startsWith('inngest/'))).toBe(true);
    expect(isExternalEvent('no/such')).toBe(false);
  });

  it('every event carries the company it is about', () => {
    for (const e of EVENT_CATALOG) expect(Object.keys(e.schema.shape), e.name).toContain('companyId');
  });

  it('parseEvent checks a payload built at run time and names the field at fault', () => {
    expect(parseEvent('audit/requested', 'id-1', { companyId, retailer: 'walmart_us' })).toEqual({ ok: true, event: { id: 'id-1', name: 'audit/requested', data: { companyId, retailer: 'walmart_us' } } });
    const bad = parseEvent('audit/requested', 'id-2', { companyId, productIds: ['not-a-uuid'] });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues[0]!.path).toBe('data.productIds.0');
    expect(parseEvent('no/such', 'id-3', {})).toEqual({ ok: false, issues: [{ path: 'name', message: 'unknown event "no/such"' }] });
    // Unknown fields are dropped, so a consumer never sees a field the catalog does not declare.
    const extra = parseEvent('notification/requested', 'id-4', { companyId, message: 'hi', sneaky: true });
    expect(extra.ok && extra.event.data).toEqual({ companyId, message: 'hi' });
    expect(eventDef('notification/requested')?.audience).toBe('external');
  });
});
