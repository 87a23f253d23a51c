/**
 * One uPlot line chart over time, sized to its container. uPlot draws on a canvas, which a screen
 * reader cannot read, so the figure carries an accessible name and a text summary of the numbers.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
  /** Draw against the right-hand axis (another unit, such as dollars beside tokens). */
  right?: boolean;
}

export interface TimeChartProps {
  title: string;
  summary: string;
  times: number[];
  series: ChartSeries[];
  format: (value: number) => string;
  formatRight?: (value: number) => string;
}

const height = 200;

export function TimeChart({ title, summary, times, series, format, formatRight }: TimeChartProps) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current!;
    const axisColor = getComputedStyle(element).color;
    const axis = (formatValue: (value: number) => string, side?: number): uPlot.Axis => ({
      stroke: axisColor,
      grid: { stroke: 'rgba(128, 128, 128, 0.2)' },
      values: (_chart, ticks) => ticks.map(formatValue),
      size: side === undefined ? 60 : 84,
      ...(side === undefined ? {} : { side, scale: 'right' }),
    });
    const chart = new uPlot(
      {
        width: Math.max(element.clientWidth, 240),
        height,
        series: [{}, ...series.map((line) => ({ label: line.label, stroke: line.color, width: 2, spanGaps: false, points: { show: true, size: 4 }, scale: line.right ? 'right' : 'y', value: (_chart: uPlot, value: number | null) => (value === null ? '–' : (line.right && formatRight ? formatRight : format)(value)) }))],
        axes: [{ stroke: axisColor, grid: { stroke: 'rgba(128, 128, 128, 0.2)' } }, axis(format), ...(formatRight ? [axis(formatRight, 1)] : [])],
        scales: { x: { time: true } },
      },
      [times.map((time) => time / 1000), ...series.map((line) => line.values)] as uPlot.AlignedData,
      element,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(element.clientWidth, 240), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [times, series]);

  return (
    <figure class="chart" aria-label={title}>
      <figcaption>
        <strong>{title}</strong> <span class="summary">{summary}</span>
      </figcaption>
      <div ref={container} class="chart-canvas" role="img" aria-label={`${title}: ${summary}`} />
    </figure>
  );
}
