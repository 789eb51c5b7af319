import { describe, expect, it } from 'vitest';
import { isTypingTarget, matchShortcut, SHORTCUTS, type KeyLike } from './shortcuts.ts';

function press(key: string, mods: Partial<Omit<KeyLike, 'key'>> = {}): KeyLike {
  return { key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods };
}

describe('matchShortcut', () => {
  it('reads Ctrl and ⌘ alike', () => {
    expect(matchShortcut(press('z', { ctrlKey: true }))).toBe('undo');
    expect(matchShortcut(press('z', { metaKey: true }))).toBe('undo');
    expect(matchShortcut(press('c', { metaKey: true }))).toBe('copy');
    expect(matchShortcut(press('s', { ctrlKey: true }))).toBe('save');
  });

  it('has both redo chords, whatever the case Shift gives the letter', () => {
    expect(matchShortcut(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(matchShortcut(press('y', { ctrlKey: true }))).toBe('redo');
  });

  it('maps single keys only without modifiers', () => {
    expect(matchShortcut(press('Delete'))).toBe('delete');
    expect(matchShortcut(press('Backspace'))).toBe('delete');
    expect(matchShortcut(press('t'))).toBe('tidy');
    expect(matchShortcut(press('F', { shiftKey: true }))).toBe('fit');
    expect(matchShortcut(press('?', { shiftKey: true }))).toBe('help');
    expect(matchShortcut(press('w'))).toBe('whatIf');
    expect(matchShortcut(press('t', { ctrlKey: true }))).toBeNull();
    expect(matchShortcut(press('x'))).toBeNull();
  });

  it('reads the Shift+Alt+T chord by physical key', () => {
    expect(matchShortcut({ ...press('ˇ', { shiftKey: true, altKey: true }), code: 'KeyT' })).toBe('tidy');
    expect(matchShortcut({ ...press('†', { altKey: true }), code: 'KeyT' })).toBeNull();
  });

  it('every shortcut in the help table can be pressed', () => {
    const ids = new Set<string>();
    for (const key of ['Delete', 'z', 'y', 'c', 'v', 'd', 'a', 's', 't', 'f', 'w', '+', '-', 'Escape', '?']) {
      for (const mods of [{}, { ctrlKey: true }, { ctrlKey: true, shiftKey: true }]) {
        const id = matchShortcut(press(key, mods));
        if (id) ids.add(id);
      }
    }
    expect([...ids].sort()).toEqual(SHORTCUTS.map((s) => s.id).sort());
  });
});

describe('isTypingTarget', () => {
  it('is false for non-elements', () => {
    expect(isTypingTarget(null)).toBe(false);
    expect(isTypingTarget({} as EventTarget)).toBe(false);
  });

  it('asks the element whether it sits in a field', () => {
    const inField = { isContentEditable: false, closest: () => ({}) } as unknown as EventTarget;
    const onCanvas = { isContentEditable: false, closest: () => null } as unknown as EventTarget;
    expect(isTypingTarget(inField)).toBe(true);
    expect(isTypingTarget(onCanvas)).toBe(false);
  });
});
