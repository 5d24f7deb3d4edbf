import { Link } from '@fluentui/react-components';
import { useState } from 'react';
import type { HomeDto, HomeItemDto } from '../../../src/server/api/types';
import type { PageProps } from '../App';
import { Empty, Load } from '../components/States';
import { prefetch, useApi } from '../hooks';
import { firstNameOf, greeting, TONE_WORDS } from '../model/home';

/**
 * The tab's first page: what needs this person's attention, for their roles, each item
 * linking to its page. The server decides the items (GET /api/home); this page only draws them.
 */
export default function Home({ me }: PageProps) {
  // In the first render, not in an effect: effects wait for the browser to paint.
  useState(() => prefetch('/api/home'));
  const home = useApi<HomeDto>('/api/home');
  return (
    <>
      <h2>{greeting(new Date().getHours(), firstNameOf(me.person.displayName))}</h2>
      <p className="phc-muted">What needs your attention, and where things stand. Each part opens its page.</p>
      <Load result={home} what="your home page">
        {(dto) =>
          dto.items.length === 0 ? (
            <Empty>Nothing needs your attention just now.</Empty>
          ) : (
            <div className="phc-home" data-testid="home">
              {dto.items.map((item) => (
                <HomeItem key={item.id} item={item} />
              ))}
            </div>
          )
        }
      </Load>
    </>
  );
}

function HomeItem({ item }: { readonly item: HomeItemDto }) {
  const heading = `home-${item.id}`;
  return (
    <section className={`phc-home-item phc-tone-${item.tone}`} aria-labelledby={heading} data-item-id={item.id}>
      <div className="phc-home-head">
        <h3 id={heading}>{item.title}</h3>
        <span className="phc-tone" data-tone={item.tone}>
          {TONE_WORDS[item.tone]}
        </span>
      </div>
      {item.figure && (
        <p className="phc-home-figure" data-testid="home-figure">
          {item.figure}
        </p>
      )}
      <p className="phc-home-summary" data-testid="home-summary">
        {item.summary}
      </p>
      {item.lines.length > 0 && (
        <ul className="phc-home-lines">
          {item.lines.map((line, i) => (
            <li key={i} data-tone={line.tone}>
              {line.href ? <Link href={line.href}>{line.text}</Link> : line.text}
            </li>
          ))}
        </ul>
      )}
      <Link className="phc-home-link" href={item.link.href}>
        {item.link.label}
      </Link>
    </section>
  );
}
