import { Button, Link, Select } from '@fluentui/react-components';
import { useState } from 'react';
import { lazyModule } from '../lazyModule';
import type { BreakdownBy, BreakdownResults, ChangesDto, CycleDto, CycleResults, RateGrowthDto, ResponseRateDto, ResultsDto, TrendsDto } from '../../../src/server/api/types';
import type { PageProps } from '../App';
import { DataTable } from '../components/DataTable';
import { Empty, ErrorState, Load, Loading } from '../components/States';
import { prefetch, useApi } from '../hooks';
import { formatCount, formatDay, formatPercent } from '../model/format';
import { growthChart, questionsChart } from '../model/charts';
import { ChartFigure } from '../components/ChartFigure';
import { hiddenRule } from '../../../src/domain/results/format';
import {
  breakdownTable,
  changesTable,
  cycleGroups,
  defaultCycle,
  headlineLine,
  hiddenText,
  liveRateNote,
  optionLines,
  responseRateText,
  sectionsOf,
  sectionTable,
  teamRatesTable,
  trendColumn,
  type SectionView,
} from '../model/healthCheck';

const trendChart = lazyModule(() => import('../components/TrendChart'));
// Every cycle's page has a chart: start fetching its chunk as soon as this page's code runs.
trendChart.preload().catch(() => undefined);

/** The requests of a cycle's page, started together (and before the cycle list when the address names the cycle). */
function prefetchCycle(cycleId: string): void {
  const id = encodeURIComponent(cycleId);
  prefetch(`/api/health-check/cycles/${id}/results`);
  prefetch(`/api/health-check/cycles/${id}/changes?limit=5`);
}

/** A pulse's trends run across every survey that asked each question (the cycle says which). */
const pulseOf = (cycle: CycleDto): string | undefined => (cycle.surveyKind === 'pulse' ? cycle.id : undefined);

export default function HealthCheck({ me, route, go }: PageProps) {
  useState(() => {
    // In the first render, not in an effect: effects wait for the browser to paint.
    prefetch('/api/health-check/cycles');
    if (route.params.cycle) prefetchCycle(route.params.cycle);
  });
  const cycles = useApi<CycleDto[]>('/api/health-check/cycles');
  return (
    <>
      <h2>Health check results</h2>
      <Load result={cycles} what="the cycles">
        {(list) => {
          const chosen = list.find((c) => c.id === route.params.cycle && c.hasResults) ?? defaultCycle(list);
          const open = list.filter((c) => c.kind === 'live' && c.status === 'open');
          const openNow = open.map((c) => <OpenNow key={c.id} cycle={c} />);
          if (!chosen)
            return openNow.length > 0 ? (
              <>{openNow}</>
            ) : (
              <Empty>
                There are no results to show yet. Results appear here once a survey closes with enough responses and the PSW publishes them, or once the PSW imports a published report (npx phc history
                import).
              </Empty>
            );
          return (
            <>
              {openNow}
              <div className="phc-row">
                <label className="phc-control">
                  <span>Cycle</span>
                  <Select value={chosen.id} onChange={(_, d) => go({ page: 'health-check', params: { cycle: d.value } })}>
                    {cycleGroups(list).map((g) => (
                      <optgroup key={g.label} label={g.label}>
                        {g.cycles.map((c) => (
                          <option key={c.id} value={c.id}>
                            {c.title}
                          </option>
                        ))}
                      </optgroup>
                    ))}
                  </Select>
                </label>
                <Link href={`#/infographic?cycle=${encodeURIComponent(chosen.id)}`}>Printable infographic</Link>
              </div>
              <CycleView key={chosen.id} cycle={chosen} canBreakdown={me.capabilities.includes('view-breakdowns') || me.capabilities.includes('view-organisation-breakdowns')} />
            </>
          );
        }}
      </Load>
    </>
  );
}

function CycleView({ cycle, canBreakdown }: { readonly cycle: CycleDto; readonly canBreakdown: boolean }) {
  const id = encodeURIComponent(cycle.id);
  const results = useApi<ResultsDto>(`/api/health-check/cycles/${id}/results`);
  const rate = useApi<ResponseRateDto>(cycle.kind === 'live' ? `/api/health-check/cycles/${id}/response-rate` : null);
  const changes = useApi<ChangesDto>(`/api/health-check/cycles/${id}/changes?limit=5`);
  return (
    <Load result={results} what="the results">
      {(dto) => {
        const r = dto.results as CycleResults;
        const trendable = r.questions.filter((q) => !q.suppressed && q.kind !== 'text').map((q) => ({ id: q.id, text: q.text }));
        // Ask for the first trend now, not after the page below has been drawn.
        if (trendable[0] && !trendAsked.has(dto)) {
          trendAsked.add(dto);
          prefetch(trendsPath(trendable[0].id, pulseOf(cycle)));
        }
        return (
          <div data-testid="health-check" data-cycle={cycle.id}>
            <div className="phc-figures">
              <div className="phc-figure">
                <span className="phc-figure-value" data-testid="respondents">
                  {formatCount(r.respondents)}
                </span>
                respondents
              </div>
              {cycle.kind === 'live' && (
                <div className="phc-figure">
                  <span className="phc-figure-value">{rate.state === 'ok' ? responseRateText(rate.data) : rate.state === 'loading' ? '…' : 'Not available'}</span>
                  response rate
                </div>
              )}
              <div className="phc-figure">
                <span className="phc-figure-value">{formatCount(r.threshold)}</span>
                smallest group shown
              </div>
            </div>
            {r.published && <p className="phc-muted">Figures as the council published them; the report did not give how many answered each question.</p>}
            {dto.asked && (
              <p className="phc-muted" data-testid="asked">
                This pulse asked {dto.asked}. Beside each figure are the same question&apos;s figures from earlier surveys, named, which may have asked other people.
              </p>
            )}
            {rate.state === 'ok' && liveRateNote(rate.data) && <p className="phc-muted">{liveRateNote(rate.data)}</p>}
            {r.suppressed ? (
              <Empty>{r.suppressed}</Empty>
            ) : (
              <>
                {changes.state === 'ok' && changes.data.comparedWith && (changes.data.rises.length > 0 || changes.data.falls.length > 0) && (
                  <section aria-label="Largest rises and falls">
                    <h3>Largest rises and falls since {changes.data.comparedWithLabel ?? changes.data.comparedWith}</h3>
                    {changes.data.rises.length > 0 && <DataTable {...changesTable(changes.data, 'rises')} />}
                    {changes.data.falls.length > 0 && <DataTable {...changesTable(changes.data, 'falls')} />}
                  </section>
                )}
                <Trends questions={trendable} pulse={pulseOf(cycle)} />
                {sectionsOf(r, dto.sections).map((s) => (
                  <section key={s.id} aria-labelledby={`section-${s.id}`}>
                    <h3 id={`section-${s.id}`}>{s.title}</h3>
                    <SectionChart results={r} section={s} year={cycle.year} />
                    {s.questions.map((q) => (
                      <div key={q.id} className="phc-question" data-question-id={q.id}>
                        <p>
                          <strong>{q.text}</strong> {q.n !== null && <span className="phc-muted">({formatCount(q.n)} answered)</span>}
                        </p>
                        {q.suppressed ? (
                          <p className="phc-suppressed">{hiddenText(q.suppressed)}</p>
                        ) : (
                          <>
                            {headlineLine(q) && <p data-testid="headline">{headlineLine(q)}</p>}
                            {q.mean !== undefined && <p>Average {q.mean.toLocaleString('en-GB')}</p>}
                            {(!q.headline || q.kind === 'multi') && optionLines(q).length > 0 && (
                              <ul className="phc-options">
                                {optionLines(q).map((line) => (
                                  <li key={line}>{line}</li>
                                ))}
                              </ul>
                            )}
                            {q.comments && q.comments.length > 0 && (
                              <ul className="phc-options">
                                {q.comments.map((c, i) => (
                                  <li key={i}>“{c}”</li>
                                ))}
                              </ul>
                            )}
                            {q.notComparable?.map((nc) => (
                              <p key={nc.cycle} className="phc-muted">
                                Not compared with {nc.cycle}: {nc.reason}
                              </p>
                            ))}
                          </>
                        )}
                      </div>
                    ))}
                    <SectionTable title={r.title} section={s} />
                  </section>
                ))}
                {rate.state === 'ok' && rate.data.teams.length > 0 && <DataTable {...teamRatesTable(rate.data)} />}
                {canBreakdown && cycle.kind === 'live' && <Breakdowns cycle={cycle} offered={dto.breakdownsOffered ?? []} />}
              </>
            )}
          </div>
        );
      }}
    </Load>
  );
}

/** A section's headline figures as bars, the earlier years as markers; drawn as it comes into view. */
function SectionChart({ results, section, year }: { readonly results: CycleResults; readonly section: SectionView; readonly year: string }) {
  const model = questionsChart(results, section, year);
  return model ? <ChartFigure model={model} deferred /> : null;
}

/** A survey open now: its response rate so far, and day by day beside the survey before it. */
function OpenNow({ cycle }: { readonly cycle: CycleDto }) {
  const id = encodeURIComponent(cycle.id);
  const rate = useApi<ResponseRateDto>(`/api/health-check/cycles/${id}/response-rate`);
  const growth = useApi<RateGrowthDto>(`/api/health-check/cycles/${id}/response-rate/growth`);
  return (
    <section aria-labelledby={`open-${cycle.id}`} data-testid="open-now" data-cycle={cycle.id}>
      <h3 id={`open-${cycle.id}`}>Open now: {cycle.title}</h3>
      <Load result={rate} what="the response rate">
        {(r) => (
          <>
            <p>
              Response rate so far: <strong>{responseRateText(r)}</strong>. Open until {formatDay(cycle.closesOn)}.
            </p>
            {liveRateNote(r) && <p className="phc-muted">{liveRateNote(r)}</p>}
          </>
        )}
      </Load>
      <Load result={growth} what="the response rate by day">
        {(g) => <ChartFigure model={growthChart(g)} />}
      </Load>
    </section>
  );
}

/** The section as a table (and its CSV), drawn only once opened: a page of 100 questions stays quick. */
function SectionTable({ title, section }: { readonly title: string; readonly section: SectionView }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="phc-noprint" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Table and CSV of this section</summary>
      {open && <DataTable {...sectionTable(title, section)} />}
    </details>
  );
}

/** Results already followed by their first trend request (once each, whatever re-renders). */
const trendAsked = new WeakSet<ResultsDto>();

const trendsPath = (question: string, pulse?: string) => `/api/health-check/trends?question=${encodeURIComponent(question)}${pulse ? `&cycle=${encodeURIComponent(pulse)}` : ''}`;

function Trends({ questions, pulse }: { readonly questions: readonly { id: string; text: string }[]; readonly pulse?: string | undefined }) {
  const [question, setQuestion] = useState(questions[0]?.id ?? '');
  const trends = useApi<TrendsDto>(question ? trendsPath(question, pulse) : null);
  const TrendChart = trendChart.use();
  if (!question) return null;
  return (
    <section aria-labelledby="trend-heading">
      <h3 id="trend-heading">{pulse ? 'Trend across surveys' : 'Trend across the years'}</h3>
      <label className="phc-control">
        <span>Question</span>
        <Select value={question} onChange={(_, d) => setQuestion(d.value)}>
          {questions.map((q) => (
            <option key={q.id} value={q.id}>
              {q.text}
            </option>
          ))}
        </Select>
      </label>
      <Load result={trends} what="the trend">
        {(t) =>
          t.series.length === 0 ? (
            <Empty>No earlier figures for this question.</Empty>
          ) : (
            <>
              {TrendChart === undefined ? <Loading what="the chart" /> : TrendChart instanceof Error ? <ErrorState message={TrendChart.message} /> : <TrendChart series={t.series} />}
              <DataTable
                title={`Trend: ${t.series[0]?.text ?? ''}`}
                columns={['Answer', ...t.cycles.map(trendColumn)]}
                rows={t.series.map((s) => [
                  s.label,
                  ...t.cycles.map((c) => {
                    const p = s.points.find((x) => x.cycle === c.id);
                    return p?.percent == null ? (p?.note ?? '–') : formatPercent(p.percent);
                  }),
                ])}
              />
            </>
          )
        }
      </Load>
    </section>
  );
}

const BREAKDOWN_LABELS: Readonly<Record<BreakdownBy, string>> = { team: 'Team', service: 'Service', role: 'Role', 'length-of-service': 'Length of service' };

/** Only the breakdowns the server offers this viewer: any other would show nothing but hidden groups. */
function Breakdowns({ cycle, offered }: { readonly cycle: CycleDto; readonly offered: readonly BreakdownBy[] }) {
  const [by, setBy] = useState<BreakdownBy | undefined>(offered[0]);
  const [shown, setShown] = useState(false);
  const data = useApi<ResultsDto>(shown && by ? `/api/health-check/cycles/${encodeURIComponent(cycle.id)}/results?by=${by}` : null);
  return (
    <section aria-labelledby="breakdown-heading">
      <h3 id="breakdown-heading">Breakdowns</h3>
      <p className="phc-muted">{hiddenRule(cycle.threshold)} About you answers are not shown inside groups.</p>
      {by === undefined ? (
        <Empty>No breakdown can be shown for this cycle: in every one open to you, each group would be hidden so that nobody can be picked out.</Empty>
      ) : (
        <>
          <div className="phc-row">
            <label className="phc-control">
              <span>Break down by</span>
              <Select value={by} onChange={(_, d) => setBy(d.value as BreakdownBy)}>
                {offered.map((o) => (
                  <option key={o} value={o}>
                    {BREAKDOWN_LABELS[o]}
                  </option>
                ))}
              </Select>
            </label>
            {!shown && <Button onClick={() => setShown(true)}>Show breakdown</Button>}
          </div>
          {shown && (
            <Load result={data} what="the breakdown">
              {(dto) => <DataTable {...breakdownTable(dto.results as BreakdownResults)} />}
            </Load>
          )}
        </>
      )}
    </section>
  );
}
