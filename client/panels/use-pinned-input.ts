/**
 * A test input pinned for one step of one workflow, in this browser: the sample someone shaped by hand to try a
 * step with, kept for the next time (it is a working aid, not workflow data, so it is not saved with the draft).
 */
import { useCallback, useState } from 'react';

const key = (workflowId: string, stepId: string) => `ember:test-input:${workflowId}:${stepId}`;

function read(k: string): string | null {
  try {
    return window.localStorage.getItem(k);
  } catch {
    return null;
  }
}

export function usePinnedInput(workflowId: string, stepId: string): [string | null, (text: string | null) => void] {
  const k = key(workflowId, stepId);
  const [pinned, setPinned] = useState(() => read(k));
  const pin = useCallback(
    (text: string | null) => {
      try {
        if (text === null) window.localStorage.removeItem(k);
        else window.localStorage.setItem(k, text);
      } catch {
        // Storage unavailable: pinned for this visit only.
      }
      setPinned(text);
    },
    [k],
  );
  return [pinned, pin];
}
