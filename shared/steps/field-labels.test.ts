import { describe, expect, it } from 'vitest';
import { configFieldLabel } from './field-labels.ts';

describe('config field labels', () => {
  it('reads the label the form shows, through optional and default wrappers', () => {
    expect(configFieldLabel('human_gate', 'noSelfApproval')).toBe('Starter may not approve');
    expect(configFieldLabel('human_gate', 'assigneeRole')).toBe('Assignee role');
    expect(configFieldLabel('http_request', 'body')).toBe('Body (JSON)');
  });

  it('falls back to the key for an unknown kind or field', () => {
    expect(configFieldLabel('no_such_kind', 'x')).toBe('x');
    expect(configFieldLabel('human_gate', 'nope')).toBe('nope');
  });
});
