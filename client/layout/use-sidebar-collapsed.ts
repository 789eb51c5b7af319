/**
 * Whether the sidebar is folded to its icons, remembered in this browser: someone who folds it to give the canvas
 * room wants it folded on the next visit too.
 */
import { useCallback, useState } from 'react';

const KEY = 'ember:sidebar-collapsed';

function read(): boolean {
  try {
    return window.localStorage.getItem(KEY) === '1';
  } catch {
    // Storage may be unavailable (private mode, a locked-down browser): start unfolded.
    return false;
  }
}

export function useSidebarCollapsed(): [boolean, () => void] {
  const [collapsed, setCollapsed] = useState(read);
  const toggle = useCallback(() => {
    setCollapsed((was) => {
      try {
        window.localStorage.setItem(KEY, was ? '0' : '1');
      } catch {
        // Not remembered; the fold still applies to this visit.
      }
      return !was;
    });
  }, []);
  return [collapsed, toggle];
}
