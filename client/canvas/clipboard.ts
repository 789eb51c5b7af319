/**
 * The canvas clipboard: kept in localStorage so steps copied in one workflow (or tab) paste into another, with an
 * in-memory fallback where storage is unavailable. Parsed on the way back in: storage is outside our control.
 */
import { FragmentSchema, type Fragment } from '../../shared/graph/fragment.ts';

const KEY = 'ember:canvas-clipboard';
let memory: Fragment | null = null;

export function writeClipboard(fragment: Fragment): void {
  memory = fragment;
  try {
    localStorage.setItem(KEY, JSON.stringify(fragment));
  } catch {
    // Private mode or no storage: the in-memory copy still works within this page.
  }
}

export function readClipboard(): Fragment | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (raw) {
      const parsed = FragmentSchema.safeParse(JSON.parse(raw));
      if (parsed.success) return parsed.data;
    }
  } catch {
    // Unreadable or not JSON: fall back to what this page copied.
  }
  return memory;
}
