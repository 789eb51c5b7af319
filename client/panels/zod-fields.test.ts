import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { STEP_REGISTRY } from '../../shared/steps/registry.ts';
import { TriggerConfigSchema } from '../../shared/workflows/trigger-config.ts';
import { deriveFields, visibleFields, fieldErrors, humanize, setFieldValue, type FieldSpec } from './zod-fields.ts';

function byName(fields: FieldSpec[]) {
  return Object.fromEntries(fields.map((f) => [f.name, f]));
}

describe('deriveFields', () => {
  it('reads a CEL field: widget from meta, label from describe, required', () => {
    expect(deriveFields(STEP_REGISTRY.condition.config)).toEqual([
      { name: 'expression', label: 'Expression (CEL)', widget: 'cel', required: true, optional: false, maxLength: 2000 },
    ]);
  });

  it('reads the approval: long text, optional role and user, defaulted duration, enum and boolean', () => {
    const f = byName(deriveFields(STEP_REGISTRY.human_gate.config));
    expect(f.instructions).toMatchObject({ widget: 'textarea', label: 'Instructions', required: true });
    expect(f.assigneeRole).toMatchObject({ widget: 'role', optional: true, required: false, options: ['admin', 'editor', 'approver', 'viewer'] });
    expect(f.assigneeUserId).toMatchObject({ widget: 'user', label: 'Assignee', optional: true });
    expect(f.timeout).toMatchObject({ widget: 'duration', defaultValue: '3d', required: false, optional: false });
    expect(f.onTimeout).toMatchObject({ widget: 'enum', options: ['approve', 'reject', 'fail'], defaultValue: 'fail' });
    expect(f.noSelfApproval).toMatchObject({ widget: 'boolean', label: 'Starter may not approve', defaultValue: true });
  });

  it('reads the HTTP request: url, enum, plain-text record, bounded integer', () => {
    const f = byName(deriveFields(STEP_REGISTRY.http_request.config));
    expect(f.url!.widget).toBe('url');
    expect(f.method).toMatchObject({ widget: 'enum', defaultValue: 'GET' });
    expect(f.headers).toMatchObject({ widget: 'record', valueWidget: 'text', defaultValue: {} });
    expect(f.body).toMatchObject({ widget: 'textarea', optional: true });
    expect(f.timeoutMs).toMatchObject({ widget: 'number', min: 100, max: 60_000, integer: true, label: 'Timeout (ms)' });
  });

  it('reads records of CEL', () => {
    expect(byName(deriveFields(STEP_REGISTRY.transform.config)).mapping).toMatchObject({ widget: 'record', valueWidget: 'cel', required: true });
    expect(byName(deriveFields(STEP_REGISTRY.emit_event.config)).data).toMatchObject({ widget: 'record', valueWidget: 'cel', label: 'Data (CEL per field)' });
  });

  it("edits an approval gate's condition as CEL and its chain of levels with a form of its own", () => {
    const fields = byName(deriveFields(STEP_REGISTRY.human_gate.config));
    expect(fields.when).toMatchObject({ widget: 'cel', optional: true, label: 'Only when' });
    expect(fields.levels).toMatchObject({ widget: 'levels', optional: true, label: 'Levels' });
    // The assignee is shown until levels replace it.
    expect(fields.assigneeRole).toMatchObject({ widget: 'role', hiddenWhenSet: 'levels' });
    expect(fields.assigneeUserId).toMatchObject({ widget: 'user', hiddenWhenSet: 'levels' });
    const all = deriveFields(STEP_REGISTRY.human_gate.config);
    const shown = (config: Record<string, unknown>) => visibleFields(all, config).map((f) => f.name);
    expect(shown({ assigneeRole: 'approver' })).toContain('assigneeRole');
    expect(shown({ assigneeRole: 'approver', levels: [{ deciders: { role: 'admin' } }] })).not.toContain('assigneeRole');
    expect(shown({ levels: [] })).toEqual(all.map((f) => f.name).filter((n) => n !== 'assigneeRole' && n !== 'assigneeUserId'));
  });

  it('gives every registered kind a field for every config key', () => {
    for (const def of Object.values(STEP_REGISTRY)) {
      const keys = Object.keys((def.config as z.ZodObject).shape);
      expect(deriveFields(def.config).map((f) => f.name)).toEqual(keys);
    }
  });

  it('reads the trigger options, skipping the discriminator, with cron and timezone widgets', () => {
    const option = (type: string) => TriggerConfigSchema.options.find((o) => o.shape.type.value === type) as unknown as z.ZodObject;
    expect(deriveFields(option('manual'))).toEqual([]);
    expect(deriveFields(option('event')).map((f) => [f.name, f.widget, f.optional])).toEqual([
      ['event', 'text', false],
      ['filter', 'cel', true],
    ]);
    expect(deriveFields(option('schedule')).map((f) => f.widget)).toEqual(['cron', 'timezone']);
  });

  it('reads lists: choices become multi_enum, strings become codes', () => {
    const f = byName(deriveFields(z.object({ statuses: z.array(z.enum(['a', 'b'])).min(1), codes: z.array(z.string()).optional().describe('Codes'), odd: z.array(z.number()) })));
    expect(f.statuses).toMatchObject({ widget: 'multi_enum', options: ['a', 'b'], required: true });
    expect(f.codes).toMatchObject({ widget: 'codes', label: 'Codes', optional: true });
    expect(f.odd).toBeUndefined();
  });

  it('gives every trigger type a field for every key but its discriminator', () => {
    for (const option of TriggerConfigSchema.options) {
      const keys = Object.keys(option.shape).filter((k) => k !== 'type');
      expect(deriveFields(option as unknown as z.ZodObject).map((f) => f.name)).toEqual(keys);
    }
  });

  it('ignores what is not an object', () => {
    expect(deriveFields(z.string())).toEqual([]);
  });
});

describe('values and errors', () => {
  const role = byName(deriveFields(STEP_REGISTRY.create_task.config)).assigneeRole!;

  it('removes an optional field set to empty, keeps a required one', () => {
    expect(setFieldValue({ title: 'x', assigneeRole: 'editor' }, role, '')).toEqual({ title: 'x' });
    const title = byName(deriveFields(STEP_REGISTRY.create_task.config)).title!;
    expect(setFieldValue({ title: 'x' }, title, '')).toEqual({ title: '' });
  });

  it('reports schema errors per field and per record row', () => {
    const e = fieldErrors(STEP_REGISTRY.transform.config, { mapping: { ok: 'a + 1', 'bad key': 'x', total: 'a +' } });
    expect(e.byField.mapping).toBeDefined();
    expect(e.byPath['mapping.bad key']).toBe('Field names are identifiers');
    expect(e.byPath['mapping.total']).toMatch(/^CEL syntax error/);
    expect(e.byPath['mapping.ok']).toBeUndefined();
    expect(fieldErrors(STEP_REGISTRY.condition.config, { expression: 'a > 1' })).toEqual({ byField: {}, byPath: {} });
  });

  it('humanizes names', () => {
    expect(humanize('timeoutMs')).toBe('Timeout ms');
    expect(humanize('assignee_user')).toBe('Assignee user');
  });
});

describe('the HTTP request form', () => {
  it('puts the guard rules, JSON syntax and header-name errors under their fields', () => {
    const schema = STEP_REGISTRY.http_request.config;
    const errors = fieldErrors(schema, { method: 'POST', url: 'http://[::127.0.0.1]:8080/', headers: { 'Bad Header:': 'x' }, body: '{"broken": json, }', timeoutMs: 5000 });
    expect(errors.byField.url).toMatch(/^::7f00:1 is an IPv4-compatible IPv6 address/);
    expect(errors.byField.body).toMatch(/^Not valid JSON: /);
    expect(errors.byPath['headers.Bad Header:']).toMatch(/^A header name is letters, digits/);
    expect(fieldErrors(schema, { method: 'GET', url: 'https://exa mple.com/a b', headers: {}, timeoutMs: 5000 }).byField.url).toBe('Not a valid URL (it contains a space; encode it as %20)');
  });
});
