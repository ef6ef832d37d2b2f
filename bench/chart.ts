/** The benchmark's plot: /metrics p50 latency and peak RSS against series, exporter and baseline (SVG). */
import type { Measured } from './measurements.js';

interface Row {
  exporter: Measured;
  baseline: Measured;
}

const WIDTH = 900;
const HEIGHT = 390;
const PANEL = { width: 380, height: 260, top: 50 };
const COLORS = { exporter: '#1f77b4', baseline: '#d62728' };

function panel(x0: number, title: string, unit: string, rows: Row[], value: (measured: Measured) => number, logY: boolean): string {
  const xs = rows.map((row) => Math.log10(row.exporter.series));
  const ys = rows.flatMap((row) => [value(row.exporter), value(row.baseline)]).map((v) => (logY ? Math.log10(Math.max(v, 1e-3)) : v));
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  const [yMin, yMax] = logY ? [Math.floor(Math.min(...ys)), Math.ceil(Math.max(...ys))] : [0, Math.max(...ys) * 1.1];
  const px = (x: number) => x0 + 50 + ((x - xMin) / (xMax - xMin || 1)) * (PANEL.width - 70);
  const py = (y: number) => PANEL.top + PANEL.height - ((y - yMin) / (yMax - yMin || 1)) * PANEL.height;
  const line = (who: 'exporter' | 'baseline') => {
    const points = rows.map((row, i) => {
      const v = value(row[who]);
      return `${px(xs[i] as number).toFixed(1)},${py(logY ? Math.log10(Math.max(v, 1e-3)) : v).toFixed(1)}`;
    });
    const dots = points.map((point) => `<circle cx="${point.split(',')[0]}" cy="${point.split(',')[1]}" r="3.5" fill="${COLORS[who]}"/>`).join('');
    return `<polyline fill="none" stroke="${COLORS[who]}" stroke-width="2" points="${points.join(' ')}"/>${dots}`;
  };
  const yTicks = logY
    ? Array.from({ length: yMax - yMin + 1 }, (_, i) => yMin + i).map((t) => [t, `${10 ** t >= 1 ? 10 ** t : (10 ** t).toFixed(3)}`] as const)
    : Array.from({ length: 5 }, (_, i) => yMin + ((yMax - yMin) * i) / 4).map((t) => [t, t.toFixed(0)] as const);
  const yAxis = yTicks
    .map(([t, label]) => `<line x1="${x0 + 50}" x2="${x0 + PANEL.width - 20}" y1="${py(t)}" y2="${py(t)}" stroke="#ddd"/><text x="${x0 + 44}" y="${py(t) + 4}" text-anchor="end" font-size="11">${label}</text>`)
    .join('');
  const xAxis = rows
    .map((row, i) => `<text x="${px(xs[i] as number)}" y="${PANEL.top + PANEL.height + 18}" text-anchor="middle" font-size="11">${Math.round(row.exporter.series / 1000)}k</text>`)
    .join('');
  return [
    `<text x="${x0 + 50}" y="${PANEL.top - 18}" font-size="14" font-weight="bold">${title}</text>`,
    yAxis,
    xAxis,
    `<text x="${x0 + 50 + (PANEL.width - 70) / 2}" y="${PANEL.top + PANEL.height + 36}" text-anchor="middle" font-size="11">series (log scale)</text>`,
    `<text x="${x0 + 12}" y="${PANEL.top + PANEL.height / 2}" font-size="11" transform="rotate(-90 ${x0 + 12} ${PANEL.top + PANEL.height / 2})" text-anchor="middle">${unit}</text>`,
    line('baseline'),
    line('exporter'),
  ].join('\n');
}

export function renderChart(rows: Row[]): string {
  const legend = (['exporter', 'baseline'] as const)
    .map((who, i) => `<rect x="${60 + i * 260}" y="${HEIGHT - 24}" width="14" height="4" fill="${COLORS[who]}"/><text x="${80 + i * 260}" y="${HEIGHT - 18}" font-size="12">${who === 'exporter' ? 'github-copilot-exporter' : 'naive prom-client baseline'}</text>`)
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    panel(20, '/metrics latency, p50', 'milliseconds (log scale)', rows, (m) => m.plain.p50, true),
    panel(470, 'Peak RSS', 'MB', rows, (m) => m.peakRssMb, false),
    legend,
    '</svg>',
    '',
  ].join('\n');
}
