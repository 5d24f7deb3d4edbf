import { Button, Link } from '@fluentui/react-components';
import type { CycleDto, CycleResults, ResponseRateDto, ResultsDto } from '../../../src/server/api/types';
import type { PageProps } from '../App';
import { Empty, Load } from '../components/States';
import { useApi } from '../hooks';
import { formatCount } from '../model/format';
import { defaultCycle, responseRateText } from '../model/healthCheck';
import { infographicCells } from '../model/infographic';

export default function Infographic({ route }: PageProps) {
  const cycles = useApi<CycleDto[]>('/api/health-check/cycles');
  return (
    <Load result={cycles} what="the cycles">
      {(list) => {
        const cycle = list.find((c) => c.id === route.params.cycle && c.hasResults) ?? defaultCycle(list);
        return cycle ? <Sheet cycle={cycle} /> : <Empty>There are no results to print yet.</Empty>;
      }}
    </Load>
  );
}

function Sheet({ cycle }: { readonly cycle: CycleDto }) {
  const id = encodeURIComponent(cycle.id);
  const results = useApi<ResultsDto>(`/api/health-check/cycles/${id}/results`);
  const rate = useApi<ResponseRateDto>(cycle.kind === 'live' ? `/api/health-check/cycles/${id}/response-rate` : null);
  return (
    <Load result={results} what="the results">
      {(dto) => {
        const r = dto.results as CycleResults;
        const cells = infographicCells(r);
        return (
          <article className="phc-infographic" data-testid="infographic">
            <div className="phc-row phc-noprint">
              <Link href={`#/health-check?cycle=${id}`}>Back to the results</Link>
              <Button appearance="primary" onClick={() => window.print()}>
                Print or save as PDF
              </Button>
            </div>
            <h2>{r.title}: the headlines</h2>
            <p className="phc-info-text">
              {formatCount(r.respondents)} staff answered
              {cycle.kind === 'live' && rate.state === 'ok' ? ` (response rate ${responseRateText(rate.data)})` : ''}. Earlier years beside each figure. Groups smaller than {formatCount(r.threshold)}{' '}
              are never shown.
            </p>
            {r.suppressed ? (
              <Empty>{r.suppressed}</Empty>
            ) : (
              <div className="phc-info-grid">
                {cells.map((c) => (
                  <div key={c.questionId} className="phc-info-cell" data-question-id={c.questionId}>
                    <span className="phc-info-big">{c.big}</span>
                    <span className="phc-info-text">{c.text}</span>
                    {c.earlier && <span className="phc-info-prev">{c.earlier}</span>}
                  </div>
                ))}
              </div>
            )}
            <p className="phc-info-prev">Practice Health Check · {cycle.title}</p>
          </article>
        );
      }}
    </Load>
  );
}
