/** The open editor's Saver, for the header buttons and the trigger panel. */
import { createContext, useContext } from 'react';
import type { Saver } from './saver.ts';

export const SaverContext = createContext<Saver | null>(null);

export function useSaver(): Saver {
  const saver = useContext(SaverContext);
  if (!saver) throw new Error('useSaver outside the editor');
  return saver;
}
