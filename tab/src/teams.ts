/**
 * Teams host integration, loaded only when the page is framed (a plain browser never
 * downloads teams-js). Initialisation has a time limit: a page framed by something other
 * than Teams must still work.
 */
export type TeamsTheme = 'default' | 'dark' | 'contrast';

export interface TeamsHost {
  readonly theme: TeamsTheme;
  readonly subEntityId?: string;
  readonly onTheme: (listener: (theme: TeamsTheme) => void) => void;
  readonly getToken: () => Promise<string>;
}

const INIT_TIMEOUT_MS = 3000;

function toTheme(name: string | undefined): TeamsTheme {
  return name === 'dark' || name === 'contrast' ? name : 'default';
}

export async function connectToTeams(): Promise<TeamsHost | undefined> {
  if (window.parent === window) return undefined;
  try {
    const teams = await import('@microsoft/teams-js');
    await Promise.race([teams.app.initialize(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), INIT_TIMEOUT_MS))]);
    const context = await teams.app.getContext();
    teams.app.notifySuccess();
    return {
      theme: toTheme(context.app.theme),
      subEntityId: context.page.subPageId || undefined,
      onTheme: (listener) => teams.app.registerOnThemeChangeHandler((name) => listener(toTheme(name))),
      getToken: () => teams.authentication.getAuthToken(),
    };
  } catch {
    return undefined;
  }
}
