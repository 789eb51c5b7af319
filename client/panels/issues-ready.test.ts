import { describe, expect, it } from 'vitest';
import { readyMessage } from './issues-list.tsx';

describe('the issues panel when there are none', () => {
  it('asks to publish only when the draft is not what runs', () => {
    expect(readyMessage(null, 3)).toBe('The workflow is valid. Publish it to make this draft the version that runs.');
    expect(readyMessage({ version: 2, sourceRevision: 5 }, 5)).toBe('The workflow is valid, and this draft is published as version 2: it is the version that runs.');
    expect(readyMessage({ version: 2, sourceRevision: 5 }, 6)).toMatch(/^The workflow is valid\. Version 2 runs now; publish/);
  });
});
