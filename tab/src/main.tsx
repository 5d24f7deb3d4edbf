import { createRoot } from 'react-dom/client';
import { api, messageOf, setCredentials } from './api';
import { PERSONA_KEY } from './session';
import { App, currentRoute, type Boot } from './App';
import { preloadPage } from './pages';
import { connectToTeams, type TeamsTheme } from './teams';
import type { AuthModeDto, PersonaDto } from '../../src/server/api/types';
import './styles.css';

function themeFromAddress(): TeamsTheme | undefined {
  const t = new URLSearchParams(window.location.search).get('theme');
  return t === 'dark' || t === 'contrast' || t === 'default' ? t : undefined;
}

/** Sign-in first (Teams SSO or a local persona), then the app. */
async function boot(): Promise<Boot> {
  // The personas are asked for at once too (the server answers 404 in Teams mode).
  const [host, mode, people] = await Promise.all([connectToTeams(), api<AuthModeDto>('/api/auth/mode'), api<PersonaDto[]>('/api/personas').catch(() => [] as PersonaDto[])]);
  preloadPage(currentRoute(host).page);
  if (mode.mode === 'teams') {
    if (!host) return { kind: 'needs-teams' };
    setCredentials({ kind: 'token', get: host.getToken });
    return { kind: 'ready', host, theme: host.theme, personas: [], persona: undefined };
  }
  const personas = people.length > 0 ? people : await api<PersonaDto[]>('/api/personas');
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
