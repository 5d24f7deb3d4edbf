import { LineChart } from '@fluentui/react-charts';
import type { TrendSeries } from '../../../src/server/api/types';
import { useMeasuredWidth } from './useMeasuredWidth';

/**
 * The trend of one question across cycles (charts are a lazy chunk of their own: they are
 * the heaviest part of the tab). The same figures are in the table beside it, for screen
 * readers and the CSV. The width is measured here, before the first paint, and passed in,
 * so the chart draws at once rather than after measuring itself.
 */
export default function TrendChart({ series }: { readonly series: readonly TrendSeries[] }) {
  const { box, width } = useMeasuredWidth();
  const lines = series.map((s) => ({
    legend: s.label,
    // Beside a pulse, each survey on the day it opened; the Health Check by its year (April).
    data: s.points
      .filter((p) => p.percent !== null)
      .map((p) => ({
        x: p.opensOn ? new Date(`${p.opensOn}T12:00:00Z`) : new Date(Date.UTC(Number(p.year), 3, 1)),
        y: p.percent as number,
        xAxisCalloutData: p.label ?? p.year,
        yAxisCalloutData: `${p.percent}%`,
      })),
  }));
  return (
    <div className="phc-chart" ref={box}>
      {width !== undefined && <LineChart data={{ chartTitle: series[0]?.text ?? 'Trend', lineChartData: lines }} width={width} height={280} yMinValue={0} yMaxValue={100} />}
    </div>
  );
}
