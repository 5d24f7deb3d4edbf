import { LineChart } from '@fluentui/react-charts';
import type { TrendSeries } from '../../../src/server/api/types';

/**
 * The trend of one question across cycles (charts are a lazy chunk of their own: they are
 * the heaviest part of the tab). The same figures are in the table beside it, for screen
 * readers and the CSV.
 */
export default function TrendChart({ series }: { readonly series: readonly TrendSeries[] }) {
  const lines = series.map((s) => ({
    legend: s.label,
    data: s.points.filter((p) => p.percent !== null).map((p) => ({ x: new Date(Date.UTC(Number(p.year), 3, 1)), y: p.percent as number, xAxisCalloutData: p.year, yAxisCalloutData: `${p.percent}%` })),
  }));
  return (
    <div className="phc-chart">
      <LineChart data={{ chartTitle: series[0]?.text ?? 'Trend', lineChartData: lines }} height={280} yMinValue={0} yMaxValue={100} />
    </div>
  );
}
