// uPlot line charts. Data arrives as columns ([t[], y1[], y2[] ...]); a chart is rebuilt only when
// its series set or the colour scheme changes, otherwise setData() redraws in place.

import uPlot from "uplot";

export type Columns = [number[], ...(number | null)[][]];

interface Palette { fg: string; grid: string; series: string[] }

/** Reads the theme's colours from CSS custom properties (canvas can't use CSS variables directly). */
function palette(): Palette {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return {
    fg: v("--muted") || "#666",
    grid: v("--grid") || "rgba(128,128,128,0.2)",
    series: Array.from({ length: 8 }, (_, i) => v(`--s${i}`) || "#3b82f6"),
  };
}

/** Chart height in CSS px; the width follows the container. */
const HEIGHT = 180;

export class LineChart {
  private plot: uPlot | null = null;
  private labels: string[] = [];
  private last: Columns | null = null;
  private readonly resize: ResizeObserver;

  constructor(private readonly el: HTMLElement, private readonly fmt: (v: number | null) => string,
    private readonly opts: { min0?: boolean; autoPoints?: boolean } = {}) {
    this.resize = new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: HEIGHT }));
    this.resize.observe(el);
  }

  private width(): number { return Math.max(200, Math.floor(this.el.clientWidth)); }

  /** Shows `data` with one label per y column; labels are plain text (uPlot writes them with textContent). */
  update(labels: string[], data: Columns): void {
    this.last = data;
    if (!this.plot || !sameLabels(labels, this.labels)) this.build(labels, data);
    else this.plot.setData(data as uPlot.AlignedData);
  }

  /** Recreates the chart, e.g. after the colour scheme changed. */
  rebuild(): void { if (this.last) this.build(this.labels, this.last); }

  private build(labels: string[], data: Columns): void {
    this.plot?.destroy();
    this.labels = labels.slice();
    const p = palette();
    const fmt = this.fmt;
    const axis = (extra: Partial<uPlot.Axis> = {}): uPlot.Axis => ({
      stroke: p.fg, grid: { stroke: p.grid, width: 1 }, ticks: { stroke: p.grid, width: 1 }, ...extra,
    });
    const opts: uPlot.Options = {
      width: this.width(), height: HEIGHT,
      scales: { x: { time: true }, y: this.opts.min0 ? { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } : {} },
      series: [
        { label: "time" },
        ...labels.map((label, i): uPlot.Series => ({
          label, stroke: p.series[i % p.series.length], width: 1.5,
          // autoPoints: uPlot's own rule (dots only where samples are sparse), so a lone sample between gaps shows
          points: this.opts.autoPoints ? {} : { show: false }, value: (_u, v) => fmt(v), spanGaps: false,
        })),
      ],
      axes: [axis({ space: 70 }), axis({ size: 64, values: (_u, splits) => splits.map((v) => fmt(v)) })],
      cursor: { drag: { x: false, y: false } },
      legend: { live: true },
    };
    this.plot = new uPlot(opts, data as uPlot.AlignedData, this.el);
  }

  destroy(): void {
    this.resize.disconnect();
    this.plot?.destroy();
    this.plot = null;
  }
}

function sameLabels(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
