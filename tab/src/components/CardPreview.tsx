import { AdaptiveCard, HostConfig, SerializationContext, Versions } from 'adaptivecards';
import { useEffect, useRef, useState } from 'react';
import dark from '../cardPreview/teams-hostconfig-dark.json';
import light from '../cardPreview/teams-hostconfig-light.json';
import type { TeamsTheme } from '../teams';

/**
 * One Adaptive Card drawn as Teams desktop draws it (1.5, the Teams host config of the theme),
 * for the PSW's preview of what staff will be sent. Its own chunk: the renderer is large and
 * only this page needs it. Buttons do nothing here; inputs may be tried.
 */
export default function CardPreview({ card, title }: { readonly card: Readonly<Record<string, unknown>>; readonly title: string }) {
  const theme = useTheme();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const rendered = new AdaptiveCard();
    const config = new HostConfig(theme === 'default' ? light : dark);
    config.hostCapabilities.addCapability('adaptiveCards', Versions.v1_5);
    rendered.hostConfig = config;
    rendered.onExecuteAction = () => undefined;
    rendered.parse(card, new SerializationContext(Versions.v1_5));
    const root = rendered.render();
    el.replaceChildren(...(root ? [root] : []));
    return () => el.replaceChildren();
  }, [card, theme]);
  return <div ref={box} className={`phc-card ${theme === 'default' ? 'phc-card-light' : 'phc-card-dark'}`} role="group" aria-label={`Preview: ${title}`} />;
}

/** The tab's theme (the shell keeps it on the document), followed as it changes. */
function useTheme(): TeamsTheme {
  const read = (): TeamsTheme => {
    const t = document.documentElement.dataset.theme;
    return t === 'dark' || t === 'contrast' ? t : 'default';
  };
  const [theme, setTheme] = useState<TeamsTheme>(read);
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(read()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return theme;
}
