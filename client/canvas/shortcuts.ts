/**
 * The editor's keyboard shortcuts: one table drives both the key matching and the "?" help overlay.
 * Mod is Ctrl or ⌘, whichever the keyboard has.
 */

export const SHORTCUTS = [
  { id: 'delete', keys: ['Delete', 'Backspace'], label: 'Delete the selected steps and connections' },
  { id: 'undo', keys: ['Mod+Z'], label: 'Undo' },
  { id: 'redo', keys: ['Mod+Shift+Z', 'Ctrl+Y'], label: 'Redo' },
  { id: 'copy', keys: ['Mod+C'], label: 'Copy the selected steps' },
  { id: 'paste', keys: ['Mod+V'], label: 'Paste' },
  { id: 'duplicate', keys: ['Mod+D'], label: 'Duplicate the selection' },
  { id: 'selectAll', keys: ['Mod+A'], label: 'Select everything' },
  { id: 'save', keys: ['Mod+S'], label: 'Save now (changes also save by themselves)' },
  { id: 'tidy', keys: ['T', 'Shift+Alt+T'], label: 'Tidy up: the selection, or the whole graph' },
  { id: 'fit', keys: ['F'], label: 'Fit the graph to the screen' },
  { id: 'zoomIn', keys: ['+'], label: 'Zoom in' },
  { id: 'zoomOut', keys: ['-'], label: 'Zoom out' },
  // Handled by the what-if layer (editors only), which reads this table through matchShortcut.
  { id: 'whatIf', keys: ['W'], label: 'What-if: try the draft on past runs (editors)' },
  { id: 'deselect', keys: ['Esc'], label: 'Clear the selection' },
  { id: 'help', keys: ['?'], label: 'Show these shortcuts' },
] as const;

export type ShortcutId = (typeof SHORTCUTS)[number]['id'];

export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Which shortcut a key press means, if any. */
export function matchShortcut(e: KeyLike): ShortcutId | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod && !e.altKey) {
    switch (key) {
      case 'z':
        return e.shiftKey ? 'redo' : 'undo';
      case 'y':
        return e.ctrlKey && !e.shiftKey ? 'redo' : null;
      case 'c':
        return 'copy';
      case 'v':
        return 'paste';
      case 'd':
        return 'duplicate';
      case 'a':
        return 'selectAll';
      case 's':
        return 'save';
      default:
        return null;
    }
  }
  if (mod) return null;
  // Alt changes what e.key reports on a Mac (Alt+T is "†"), so the tidy chord reads the physical key.
  if (e.altKey) return e.shiftKey && e.code === 'KeyT' ? 'tidy' : null;
  switch (key) {
    case 'Delete':
    case 'Backspace':
      return 'delete';
    case 't':
      return 'tidy';
    case 'f':
      return 'fit';
    case '+':
    case '=':
      return 'zoomIn';
    case '-':
      return 'zoomOut';
    case 'w':
      return 'whatIf';
    case '?':
      return 'help';
    case 'Escape':
      return 'deselect';
    default:
      return null;
  }
}

/** Where typing must win over shortcuts: text fields, selects and editable content. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  return !!el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
}

/** Shortcuts that still act while the user is typing in a field. */
export const WORKS_WHILE_TYPING: ReadonlySet<ShortcutId> = new Set(['save']);
