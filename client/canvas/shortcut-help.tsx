/** The "?" overlay: every keyboard shortcut, from the same table the key handler reads. */
import { Button } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { SHORTCUTS } from './shortcuts.ts';

export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts" description="They act on the canvas, not while you type in a field (except save)." data-testid="shortcut-help">
      <dl className="grid grid-cols-[auto_1fr] items-center gap-x-6 gap-y-2">
        {SHORTCUTS.map((s) => (
          <div key={s.id} className="contents">
            <dt className="flex flex-wrap gap-1">
              {s.keys.map((k, i) => (
                <span key={k} className="flex items-center gap-1">
                  {i > 0 && <span className="text-xs text-zinc-400">or</span>}
                  <Keys combo={k} />
                </span>
              ))}
            </dt>
            <dd className="text-zinc-700">{s.label}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-4 text-xs text-zinc-500">Drag on empty canvas to select several steps; pan with Space+drag, the middle mouse button or the scroll wheel.</p>
      <div className="mt-5 flex justify-end">
        <Button onClick={onClose} data-autofocus="">
          Close
        </Button>
      </div>
    </Dialog>
  );
}

function Keys({ combo }: { combo: string }) {
  return (
    <span className="flex gap-0.5">
      {combo.split('+').filter(Boolean).map((k, i) => (
        <kbd key={i} className="min-w-6 rounded border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 text-center font-sans text-xs font-medium text-zinc-700 shadow-[0_1px_0_rgb(0_0_0/0.08)]">
          {k === 'Mod' ? 'Ctrl/⌘' : k}
        </kbd>
      ))}
      {combo === '+' && <kbd className="min-w-6 rounded border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 text-center text-xs font-medium text-zinc-700">+</kbd>}
    </span>
  );
}
