// The live loss plot: every step's loss (light) and its moving average (dark) on a canvas, with a log-scale y axis (the loss falls from
// about 2.3 by an order of magnitude, so a linear axis would flatten the interesting part).

export class LossPlot {
  private readonly ctx: CanvasRenderingContext2D;

  constructor(private readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("no 2d canvas context");
    this.ctx = ctx;
    this.draw([], 0);
  }

  draw(losses: readonly number[], totalSteps: number): void {
    const { ctx, canvas } = this;
    const { width: w, height: h } = canvas;
    const pad = { left: 44, right: 10, top: 10, bottom: 22 };
    ctx.clearRect(0, 0, w, h);
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, w, h);
    ctx.font = "11px monospace";
    ctx.fillStyle = "#555";
    ctx.strokeStyle = "#ccc";
    ctx.strokeRect(pad.left, pad.top, w - pad.left - pad.right, h - pad.top - pad.bottom);
    const finite = losses.filter((v) => Number.isFinite(v) && v > 0);
    if (finite.length === 0) {
      ctx.fillText("loss (log scale) appears here while training", pad.left + 8, h / 2);
      return;
    }
    const lo = Math.log10(Math.min(...finite));
    const hi = Math.log10(Math.max(...finite));
    const span = Math.max(hi - lo, 0.1);
    const x = (i: number): number =>
      pad.left + ((w - pad.left - pad.right) * i) / Math.max(totalSteps - 1, losses.length - 1, 1);
    const y = (v: number): number => pad.top + ((h - pad.top - pad.bottom) * (hi - Math.log10(v))) / span;
    ctx.fillText(Math.max(...finite).toFixed(2), 2, pad.top + 8);
    ctx.fillText(Math.min(...finite).toFixed(2), 2, h - pad.bottom);
    ctx.fillText(`step ${losses.length}`, w - pad.right - 70, h - 6);
    this.line(losses, x, y, "#90caf9", 1);
    this.line(smooth(losses), x, y, "#0d47a1", 2);
  }

  private line(
    values: readonly number[],
    x: (i: number) => number,
    y: (v: number) => number,
    color: string,
    width: number,
  ): void {
    const { ctx } = this;
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.beginPath();
    let started = false;
    values.forEach((v, i) => {
      if (!(Number.isFinite(v) && v > 0)) return;
      if (started) ctx.lineTo(x(i), y(v));
      else ctx.moveTo(x(i), y(v));
      started = true;
    });
    ctx.stroke();
  }
}

/**
 * An exponential moving average, debiased as Adam's moments are (so it starts at the first loss
 * rather than at zero): each batch's loss is noisy, and the trend is what the plot should show.
 */
function smooth(values: readonly number[], beta = 0.9): number[] {
  let avg = 0;
  return values.map((v, i) => {
    avg = beta * avg + (1 - beta) * v;
    return avg / (1 - beta ** (i + 1));
  });
}
