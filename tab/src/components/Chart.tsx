import { DataVizPalette, getColorFromToken, GroupedVerticalBarChart, LineChart, VerticalStackedBarChart, type BarSeries, type LineSeries } from '@fluentui/react-charts';
import type { ChartSpec, ChartTone, GroupedSpec, LinesSpec, StackedRowsSpec } from '../model/charts';
import { useMeasuredWidth } from './useMeasuredWidth';

/**
 * Draws a chart worked out in tab/src/model/charts.ts with @fluentui/react-charts. A lazy
 * chunk of its own (the library is the heaviest part of the tab), loaded by ChartFigure.
 * Every bar and point carries the model's label as its accessible name, which is also what
 * the end-to-end tests read back. The width is measured before the first paint, so the chart
 * draws once at its size rather than measuring itself after.
 */
export interface ChartProps {
  readonly spec: ChartSpec;
  readonly title: string;
}

const TONES: Readonly<Record<ChartTone, string>> = {
  low: DataVizPalette.error,
  moderate: DataVizPalette.warning,
  high: DataVizPalette.success,
  now: DataVizPalette.color1,
  then: DataVizPalette.color2,
  'earlier-1': DataVizPalette.color5,
  'earlier-2': DataVizPalette.color7,
  'earlier-3': DataVizPalette.color10,
  level: DataVizPalette.highError,
  late: DataVizPalette.color4,
  overdue: DataVizPalette.error,
  'due-soon': DataVizPalette.warning,
  'not-yet-due': DataVizPalette.disabled,
};

/** The Teams theme the app is in (App.tsx writes it on the document), for colours that read on it. */
const dark = (): boolean => document.documentElement.dataset.theme === 'dark' || document.documentElement.dataset.theme === 'contrast';
const colour = (tone: ChartTone): string => getColorFromToken(TONES[tone], dark());

const HEIGHT = 320;

export default function Chart({ spec, title }: ChartProps) {
  const { box, width } = useMeasuredWidth();
  return (
    <div className={`phc-chart phc-chart-${spec.kind}${spec.kind === 'grouped' && spec.lines.some((l) => l.style === 'markers') ? ' phc-markers' : ''}`} ref={box}>
      {width !== undefined &&
        width > 0 &&
        (spec.kind === 'grouped' ? (
          <Grouped spec={spec} title={title} width={width} />
        ) : spec.kind === 'stacked-rows' ? (
          <StackedRows spec={spec} title={title} width={width} />
        ) : (
          <Lines spec={spec} title={title} width={width} />
        ))}
    </div>
  );
}

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

function Grouped({ spec, title, width }: { readonly spec: GroupedSpec; readonly title: string; readonly width: number }) {
  const drawn = new Set([...spec.bars, ...spec.lines].flatMap((s) => s.points.map((p) => p.category)));
  const categories = spec.categories.filter((c) => drawn.has(c));
  const bars: BarSeries<string, number>[] = spec.bars.map((b) => ({
    type: 'bar',
    legend: b.legend,
    color: colour(b.tone),
    data: b.points.map((p) => ({ x: p.category, y: p.value, xAxisCalloutData: p.category, yAxisCalloutData: whole.format(p.value), callOutAccessibilityData: { ariaLabel: p.label } })),
  }));
  const lines: LineSeries<string, number>[] = spec.lines.map((l) => ({
    type: 'line',
    legend: l.legend,
    color: colour(l.tone),
    // Markers alone: no line joins one question's earlier figure to the next question's.
    lineOptions: l.style === 'dashed' ? { strokeDasharray: '6 4', strokeWidth: 2 } : { strokeWidth: 0 },
    data: l.points.map((p) => ({ x: p.category, y: p.value, xAxisCalloutData: p.category, yAxisCalloutData: whole.format(p.value), callOutAccessibilityData: { ariaLabel: p.label } })),
  }));
  return (
    <GroupedVerticalBarChart
      chartTitle={title}
      dataV2={[...bars, ...lines]}
      width={Math.max(width, categories.length * 44)}
      height={HEIGHT}
      yMinValue={0}
      yMaxValue={spec.yMax}
      {...(spec.yTicks ? { yAxisTickValues: [...spec.yTicks] } : {})}
      xAxisCategoryOrder={categories}
      {...(spec.bands
        ? {
            annotations: spec.bands.map((b) => ({
              id: `band-${b.label}`,
              text: b.label,
              coordinates: { type: 'mixed' as const, xCoordinateType: 'relative' as const, yCoordinateType: 'data' as const, x: 1, y: (b.from + b.to) / 2 },
              layout: { align: 'end' as const, verticalAlign: 'middle' as const, clipToBounds: true },
              style: { fontSize: '12px', fontWeight: 600, padding: '0 4px' },
              accessibility: { ariaLabel: `${b.label} band, ${b.from} to ${b.to}` },
            })),
          }
        : {})}
      xAxis={{ tickLayout: 'auto' }}
      hideLabels
      enabledLegendsWrapLines
      yAxisTitle={spec.yTitle}
      margins={{ left: 60, right: 16, top: 16, bottom: 48 }}
      barWidth="auto"
      maxBarWidth={40}
      xAxisInnerPadding={0.35}
      xAxisOuterPadding={0.2}
    />
  );
}

function StackedRows({ spec, title, width }: { readonly spec: StackedRowsSpec; readonly title: string; readonly width: number }) {
  return (
    <VerticalStackedBarChart
      chartTitle={title}
      data={spec.rows.map((r) => ({
        xAxisPoint: r.label,
        chartData: r.segments
          .filter((s) => s.value > 0)
          .map((s) => ({
            legend: s.legend,
            data: s.value,
            color: colour(s.tone),
            xAxisCalloutData: r.label,
            yAxisCalloutData: whole.format(s.value),
            callOutAccessibilityData: { ariaLabel: s.label },
          })),
      }))}
      width={Math.max(width, spec.rows.length * 56)}
      height={HEIGHT}
      barWidth="auto"
      maxBarWidth={56}
      xAxisInnerPadding={0.4}
      xAxis={{ tickLayout: 'auto' }}
      yAxisTitle={spec.yTitle}
      margins={{ left: 60, right: 16, top: 24, bottom: 48 }}
      enabledLegendsWrapLines
    />
  );
}

function Lines({ spec, title, width }: { readonly spec: LinesSpec; readonly title: string; readonly width: number }) {
  return (
    <LineChart
      data={{
        chartTitle: title,
        lineChartData: spec.series
          .filter((s) => s.points.length > 0)
          .map((s) => ({
            legend: s.legend,
            color: colour(s.tone),
            data: s.points.map((p) => ({ x: p.x, y: p.y, xAxisCalloutData: `Day ${p.x}`, yAxisCalloutData: `${whole.format(p.y)}%`, callOutAccessibilityData: { ariaLabel: p.label } })),
          })),
      }}
      width={width}
      height={HEIGHT}
      yMinValue={0}
      yMaxValue={spec.yMax}
      xAxisTitle={spec.xTitle}
      yAxisTitle={spec.yTitle}
      margins={{ left: 60, right: 16, top: 16, bottom: 56 }}
      enabledLegendsWrapLines
    />
  );
}
