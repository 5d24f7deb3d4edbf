import { useEffect, useRef, useState } from 'react';
import { lazyModule } from '../lazyModule';
import type { ChartModel } from '../model/charts';
import { DataTable } from './DataTable';
import { Empty, ErrorState, Loading } from './States';

/** The charts' chunk: fetched when the first chart's figure is drawn, shared by every chart after. */
export const chartModule = lazyModule(() => import('./Chart'));

/**
 * A chart with its words: the title, the chart, its text alternative (what it shows, in
 * sentences) and its table one click away, with "Download CSV". `deferred` draws the chart
 * only when it comes near the screen, so a page of many charts stays quick to open.
 */
export function ChartFigure({ model, deferred = false }: { readonly model: ChartModel; readonly deferred?: boolean }) {
  const heading = `chart-${model.id}-title`;
  const words = `chart-${model.id}-alt`;
  return (
    <figure className="phc-chart-figure" data-testid={`chart-${model.id}`} aria-labelledby={heading} aria-describedby={words}>
      <h3 id={heading} className="phc-chart-title">
        {model.title}
      </h3>
      {model.spec ? <Drawn model={model} deferred={deferred} /> : null}
      <figcaption id={words} className="phc-chart-alt">
        {model.alt}
      </figcaption>
      <details className="phc-chart-table">
        <summary>Table and CSV of this chart</summary>
        <DataTable {...model.table} {...(model.rowKeys ? { rowKeys: model.rowKeys } : {})} />
      </details>
    </figure>
  );
}

function Drawn({ model, deferred }: { readonly model: ChartModel; readonly deferred: boolean }) {
  const Chart = chartModule.use();
  const place = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(!deferred);
  useEffect(() => {
    if (near || !place.current) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: '400px 0px' });
    observer.observe(place.current);
    return () => observer.disconnect();
  }, [near]);
  if (!model.spec) return <Empty>Nothing to draw.</Empty>;
  if (Chart instanceof Error) return <ErrorState message={Chart.message} />;
  return (
    <div ref={place} className="phc-chart-place">
      {!near ? null : Chart === undefined ? <Loading what="the chart" /> : <Chart spec={model.spec} title={model.title} />}
    </div>
  );
}
