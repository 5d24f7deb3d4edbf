import type { PrivacyDto } from '../../../src/server/api/types';
import type { PageProps } from '../App';
import { Load } from '../components/States';
import { useApi } from '../hooks';

/** What staff are told about their data: the same words as the bot's "privacy", from the council's settings. */
export default function Privacy(_: PageProps) {
  const data = useApi<PrivacyDto>('/api/privacy');
  return (
    <>
      <h2>Your data</h2>
      <Load result={data} what="the privacy information">
        {(d) => (
          <div data-testid="privacy">
            {d.sections.map((s) => (
              <section key={s.title} aria-label={s.title}>
                <h3>{s.title}</h3>
                <ul>
                  {s.lines.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </section>
            ))}
            {d.noticeUrl && (
              <p>
                The council&apos;s full privacy notice:{' '}
                <a href={d.noticeUrl} target="_blank" rel="noreferrer">
                  {d.noticeUrl}
                </a>
              </p>
            )}
          </div>
        )}
      </Load>
    </>
  );
}
