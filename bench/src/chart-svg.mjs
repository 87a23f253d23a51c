/**
 * The latency-vs-load chart: p99 of the passthrough case against the offered rate, one line per
 * system, drawn as plain SVG (no browser, no chart library). The y axis is logarithmic because
 * the interesting part is where a line leaves the floor and where it explodes.
 */

const width = 760;
const height = 440;
const margin = { top: 40, right: 190, bottom: 50, left: 64 };
const colours = { floor: '#888888', 'ai-gateway-node': '#1f77b4', portkey: '#d62728', 'ai-gateway-bun': '#2ca02c' };

/** @param {string} text */
const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Round axis steps: 1, 2, 5 times a power of ten. */
function niceStep(range, targetTicks) {
  const rough = range / targetTicks;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((factor) => factor * power).find((step) => step >= rough) ?? rough;
}

/** @param {any} report */
export function renderLatencyChart(report) {
  /** @type {{ id: string, label: string, points: { rate: number, p99: number, sustained: boolean }[] }[]} */
  const series = [];
  for (const [systemId, system] of Object.entries(report.systems)) {
    if (system.status !== 'measured') continue;
    const caseResult = systemId === 'floor' ? system.cases.openai : system.cases.passthrough;
    const points = (caseResult?.points ?? [])
      .filter((point) => point.latencyMs.p99 !== null)
      .map((point) => ({ rate: point.offeredRate, p99: point.latencyMs.p99, sustained: point.sustained }))
      .sort((a, b) => a.rate - b.rate);
    if (points.length) series.push({ id: systemId, label: system.label, points });
  }

  const allPoints = series.flatMap((line) => line.points);
  const maxRate = Math.max(1000, ...allPoints.map((point) => point.rate));
  const minLog = Math.floor(Math.log10(Math.max(0.05, Math.min(...allPoints.map((point) => point.p99), 1))));
  const maxLog = Math.ceil(Math.log10(Math.max(10, ...allPoints.map((point) => point.p99))));
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const x = (rate) => margin.left + (rate / maxRate) * plotWidth;
  const y = (milliseconds) => margin.top + plotHeight - ((Math.log10(Math.max(milliseconds, 10 ** minLog)) - minLog) / (maxLog - minLog)) * plotHeight;

  const parts = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  parts.push(`<text x="${margin.left}" y="22" font-size="15" font-weight="bold">p99 latency vs offered load, passthrough (${escapeXml(`${report.machine.cpuCount} CPUs, Node ${report.machine.node}`)})</text>`);

  const xStep = niceStep(maxRate, 8);
  for (let rate = 0; rate <= maxRate; rate += xStep) {
    parts.push(`<line x1="${x(rate)}" y1="${margin.top}" x2="${x(rate)}" y2="${margin.top + plotHeight}" stroke="#eeeeee"/>`);
    parts.push(`<text x="${x(rate)}" y="${margin.top + plotHeight + 18}" text-anchor="middle">${rate}</text>`);
  }
  for (let power = minLog; power <= maxLog; power++) {
    const value = 10 ** power;
    parts.push(`<line x1="${margin.left}" y1="${y(value)}" x2="${margin.left + plotWidth}" y2="${y(value)}" stroke="#dddddd"/>`);
    parts.push(`<text x="${margin.left - 8}" y="${y(value) + 4}" text-anchor="end">${value >= 1 ? value : value.toFixed(-power)} ms</text>`);
  }
  parts.push(`<rect x="${margin.left}" y="${margin.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#444444"/>`);
  parts.push(`<text x="${margin.left + plotWidth / 2}" y="${height - 10}" text-anchor="middle">offered rate (req/s)</text>`);
  parts.push(`<text transform="translate(16 ${margin.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">p99 latency (log scale)</text>`);

  series.forEach((line, index) => {
    const colour = colours[line.id] ?? '#9467bd';
    const path = line.points.map((point, pointIndex) => `${pointIndex === 0 ? 'M' : 'L'}${x(point.rate).toFixed(1)},${y(point.p99).toFixed(1)}`).join(' ');
    parts.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="2"${line.id === 'floor' ? ' stroke-dasharray="5 4"' : ''}/>`);
    for (const point of line.points) {
      // Hollow markers are rates the system did not sustain.
      parts.push(`<circle cx="${x(point.rate).toFixed(1)}" cy="${y(point.p99).toFixed(1)}" r="4" fill="${point.sustained ? colour : 'white'}" stroke="${colour}" stroke-width="2"/>`);
    }
    const legendY = margin.top + 12 + index * 22;
    parts.push(`<line x1="${width - margin.right + 16}" y1="${legendY}" x2="${width - margin.right + 40}" y2="${legendY}" stroke="${colour}" stroke-width="2"${line.id === 'floor' ? ' stroke-dasharray="5 4"' : ''}/>`);
    parts.push(`<text x="${width - margin.right + 46}" y="${legendY + 4}">${escapeXml(line.label)}</text>`);
  });
  parts.push(`<text x="${width - margin.right + 16}" y="${margin.top + 12 + series.length * 22 + 8}" fill="#666666">hollow: not sustained</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
