import { FluentProvider, Select, Tab, TabList, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, Text, type Theme } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { Capability, MeDto, PersonaDto } from '../../src/server/api/types';
import { Empty, ErrorState, Load, Loading } from './components/States';
import { useApi } from './hooks';
import { choosePersona } from './session';
import { pageModules } from './pages';
import { DEFAULT_ROUTE, hashOf, PAGES, parseHash, parsePath, parseSubEntity, type PageId, type Route } from './model/route';
import type { TeamsHost, TeamsTheme } from './teams';

export type Boot =
  | { readonly kind: 'ready'; readonly host: TeamsHost | undefined; readonly theme: TeamsTheme; readonly personas: readonly PersonaDto[]; readonly persona: string | undefined }
  | { readonly kind: 'needs-teams' }
  | { readonly kind: 'failed'; readonly message: string };

export interface PageProps {
  readonly me: MeDto;
  readonly route: Route;
  readonly go: (route: Route) => void;
}

const themes: Record<TeamsTheme, Theme> = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

/** Which pages a person sees, from what the server says they may do. */
export function pageAllowed(page: PageId, capabilities: readonly Capability[]): boolean {
  switch (page) {
    case 'health-check':
    case 'infographic':
      return capabilities.includes('view-results');
    case 'supervision':
      return capabilities.includes('view-supervision');
    case 'actions':
      return capabilities.includes('view-actions');
    // The same rules as the API (src/server/api/reports.ts).
    case 'caseloads':
    case 'org-data':
      return capabilities.includes('view-breakdowns');
    case 'standards':
    case 'quality-report':
      return capabilities.includes('view-organisation-breakdowns');
    // The rest of the framework and the PSW's admin: the same rules as the API (src/server/api/framework.ts, admin.ts).
    case 'focus-groups':
    case 'reviews':
      return capabilities.includes('view-framework');
    case 'self-assessment':
      return capabilities.includes('view-organisation-breakdowns');
    case 'admin':
      return capabilities.includes('administer');
    // Running surveys: the PSW and admins (ADR 0021).
    case 'run-surveys':
    case 'questionnaire':
    case 'cycle':
      return capabilities.includes('manage-cycles');
    // Data protection: the same rules as the API (src/server/api/dataProtection.ts).
    case 'data-protection':
      return capabilities.includes('export-person') || capabilities.includes('view-access-log') || capabilities.includes('view-retention');
    default:
      return true;
  }
}

export function currentRoute(host: TeamsHost | undefined): Route {
  return parseHash(window.location.hash) ?? parseSubEntity(host?.subEntityId) ?? parsePath(window.location.pathname) ?? DEFAULT_ROUTE;
}

export function App({ boot }: { readonly boot: Boot }) {
  const [theme, setTheme] = useState<TeamsTheme>(boot.kind === 'ready' ? boot.theme : 'default');
  useEffect(() => {
    if (boot.kind === 'ready') boot.host?.onTheme(setTheme);
  }, [boot]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <FluentProvider theme={themes[theme]} className="phc-app">
      {boot.kind === 'failed' && (
        <main className="phc-main">
          <h1>Practice Health Check</h1>
          <ErrorState message={`${boot.message} Reload the page to try again.`} />
        </main>
      )}
      {boot.kind === 'needs-teams' && (
        <main className="phc-main">
          <h1>Practice Health Check</h1>
          <Empty>This tab signs you in through Microsoft Teams. Open it from the Health Check app in Teams.</Empty>
        </main>
      )}
      {boot.kind === 'ready' && <Shell boot={boot} theme={theme} setTheme={setTheme} />}
    </FluentProvider>
  );
}

function Shell({ boot, theme, setTheme }: { readonly boot: Extract<Boot, { kind: 'ready' }>; readonly theme: TeamsTheme; readonly setTheme: (t: TeamsTheme) => void }) {
  const [persona, setPersona] = useState(boot.persona);
  const [route, setRoute] = useState<Route>(() => currentRoute(boot.host));
  useEffect(() => {
    const onHash = () => setRoute(currentRoute(boot.host));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [boot.host]);
  const go = useMemo(
    () => (next: Route) => {
      window.location.hash = hashOf(next);
    },
    [],
  );
  const switchPersona = (id: string) => {
    choosePersona(id);
    setPersona(id);
  };
  return (
    <>
      {/* Not href="#main": the hash is the page's address here. */}
      <a
        className="phc-skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to the page
      </a>
      <header className="phc-header">
        <Text as="h1" size={500} weight="semibold" className="phc-title">
          Practice Health Check
        </Text>
        <div className="phc-controls">
          {boot.personas.length > 0 && (
            <label className="phc-control">
              <span>Viewing as</span>
              <Select value={persona} onChange={(_, d) => switchPersona(d.value)} aria-label="Viewing as (demo persona)">
                {boot.personas.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.displayName}: {p.description}
                  </option>
                ))}
              </Select>
            </label>
          )}
          {!boot.host && (
            <label className="phc-control">
              <span>Theme</span>
              <Select value={theme} onChange={(_, d) => setTheme(d.value as TeamsTheme)} aria-label="Theme">
                <option value="default">Light</option>
                <option value="dark">Dark</option>
                <option value="contrast">High contrast</option>
              </Select>
            </label>
          )}
        </div>
      </header>
      <Session key={persona ?? 'teams'} route={route} go={go} />
    </>
  );
}

/** Everything below is fetched again for another persona (the key changes). */
function Session({ route, go }: Omit<PageProps, 'me'>) {
  const me = useApi<MeDto>('/api/me');
  return (
    <Load result={me} what="who you are">
      {(who) => <Pages me={who} route={route} go={go} />}
    </Load>
  );
}

function Pages({ me, route, go }: PageProps) {
  const visible = PAGES.filter((p) => p.nav && pageAllowed(p.id, me.capabilities));
  const page = pageAllowed(route.page, me.capabilities) ? route.page : (visible[0]?.id ?? 'surveys');
  const navPage = page === 'audit' ? 'audits' : page === 'infographic' ? 'health-check' : page === 'questionnaire' || page === 'cycle' ? 'run-surveys' : page;
  return (
    <>
      <nav aria-label="Pages" className="phc-nav">
        <TabList selectedValue={navPage} onTabSelect={(_, d) => go({ page: d.value as PageId, params: {} })} size="small">
          {visible.map((p) => (
            <Tab key={p.id} value={p.id}>
              {p.label}
            </Tab>
          ))}
        </TabList>
      </nav>
      <main className="phc-main" id="main" tabIndex={-1}>
        <PageHost key={page} page={page} me={me} route={{ page, params: page === route.page ? route.params : {} }} go={go} />
      </main>
    </>
  );
}

/** One page's chunk and component (a new host per page, so its loading state is its own). */
function PageHost({ page, ...props }: PageProps & { readonly page: PageId }) {
  const Page = pageModules[page].use();
  if (Page === undefined) return <Loading what="the page" />;
  if (Page instanceof Error) return <ErrorState message={Page.message} />;
  return <Page {...props} />;
}
