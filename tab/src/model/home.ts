/** The home page's items as shown (pure): the tone in words, never by colour alone. */
import type { HomeTone } from '../../../src/server/api/types';

export const TONE_WORDS: Readonly<Record<HomeTone, string>> = {
  attention: 'Needs attention',
  due: 'Due soon',
  good: 'Up to date',
  info: 'To read',
};

/** "Good morning" by the hour where the person is (the browser's clock). */
export function greeting(hour: number, firstName: string): string {
  const part = hour < 12 ? 'Good morning' : hour < 18 ? 'Good afternoon' : 'Good evening';
  return firstName ? `${part}, ${firstName}` : part;
}

export const firstNameOf = (displayName: string): string => displayName.trim().split(/\s+/)[0] ?? '';
