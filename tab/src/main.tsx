import { createRoot } from 'react-dom/client';
import { api, messageOf, setCredentials } from './api';
import { PERSONA_KEY } from './session';
import { App, type Boot } from './App';
import { connectToTeams, type TeamsTheme } from './teams';
import type { AuthModeDto, PersonaDto } from '../../src/server/api/types';
import './styles.css';


function themeFromAddress(): TeamsTheme | undefined {
  const t = new URLSearchParams(window.location.search).get('theme');
  return t === 'dark' || t === 'contrast' || t === 'default' ? t : undefined;
}

/** Sign-in first (Teams SSO or a local persona), then the app. */
async function boot(): Promise<Boot> {
  const [host, mode] = await Promise.all([connectToTeams(), api<AuthModeDto>('/api/auth/mode')]);
  if (mode.mode === 'teams') {
    if (!host) return { kind: 'needs-teams' };
    setCredentials({ kind: 'token', get: host.getToken });
    return { kind: 'ready', host, theme: host.theme, personas: [], persona: undefined };
  }
  const personas = await api<PersonaDto[]>('/api/personas');
  const asked = new URLSearchParams(window.location.search).get('persona') ?? localStorage.getItem(PERSONA_KEY);
  const persona = personas.find((p) => p.id === asked) ?? personas[0];
  if (persona) setCredentials({ kind: 'persona', personId: persona.id });
  return { kind: 'ready', host, theme: host?.theme ?? themeFromAddress() ?? 'default', personas, persona: persona?.id };
}

const root = createRoot(document.getElementById('root') as HTMLElement);
boot().then(
  (b) => root.render(<App boot={b} />),
  (error: unknown) => root.render(<App boot={{ kind: 'failed', message: messageOf(error) }} />),
);
