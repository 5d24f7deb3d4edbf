import { setCredentials } from './api';

/** The demo persona chosen in a plain browser (local mode only), remembered on this device. */
export const PERSONA_KEY = 'phc.persona';

export function choosePersona(id: string): void {
  localStorage.setItem(PERSONA_KEY, id);
  setCredentials({ kind: 'persona', personId: id });
}
