/** One measured workload. */
export interface Measurement {
  name: string;
  /** Successful operations per second over the measured window. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  completed: number;
  /** Non-2xx answers, socket errors and timeouts; 0 for a valid run. */
  failed: number;
  /** Operations in flight at once. */
  concurrency: number;
  /**
   * Main-thread event-loop busy time per successful operation, in microseconds: the CPU the
   * server spends on one request (with PGlite, the database's work too). Null when the work
   * does not run on the main thread.
   */
  loopMicrosPerOp: number | null;
}

export interface Ratio {
  name: string;
  numerator: string;
  denominator: string;
  /** The median of the per-round ratios (or the one ratio, without rounds). */
  value: number;
  /** The smallest and largest per-round ratio, when measured in rounds. */
  spread?: [number, number];
  target: number;
  verdict: "meets" | "below";
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Two workloads measured alternately in rounds: the median of each round's ratio. Neighbouring
 * runs see the same machine, so a slow minute (other work, a busy neighbour) moves numerator
 * and denominator together instead of skewing one of them.
 */
export function pairedRatio(
  name: string,
  numerator: Measurement[],
  denominator: Measurement[],
  target: number,
): Ratio {
  const perRound = numerator.map((m, i) => m.requestsPerSecond / denominator[i]!.requestsPerSecond);
  const value = median(perRound);
  return {
    name,
    numerator: numerator[0]!.name,
    denominator: denominator[0]!.name,
    value,
    spread: [Math.min(...perRound), Math.max(...perRound)],
    target,
    verdict: value >= target ? "meets" : "below",
  };
}

/** One workload's rounds as one measurement: totals over all rounds, medians of the latencies. */
export function combineRounds(rounds: Measurement[]): Measurement {
  const completed = rounds.reduce((sum, m) => sum + m.completed, 0);
  const seconds = rounds.reduce((sum, m) => sum + m.completed / m.requestsPerSecond, 0);
  const loops = rounds.map((m) => m.loopMicrosPerOp).filter((v): v is number => v !== null);
  return {
    name: rounds[0]!.name,
    requestsPerSecond: completed / seconds,
    p50Ms: median(rounds.map((m) => m.p50Ms)),
    p99Ms: median(rounds.map((m) => m.p99Ms)),
    completed,
    failed: rounds.reduce((sum, m) => sum + m.failed, 0),
    concurrency: rounds[0]!.concurrency,
    loopMicrosPerOp: loops.length ? median(loops) : null,
  };
}

/** A figure held against an upper bound: a latency, or a ratio of latencies. */
export interface Target {
  name: string;
  value: number;
  /** The largest value that meets the target. */
  max: number;
  unit: "ms" | "x";
  verdict: "met" | "missed";
}

export function atMost(name: string, value: number, max: number, unit: Target["unit"]): Target {
  return { name, value, max, unit, verdict: value <= max ? "met" : "missed" };
}

/** The p99 of `measurement` against `maxMs`. */
export function p99AtMost(measurement: Measurement, maxMs: number): Target {
  return atMost(`p99 ${measurement.name}`, measurement.p99Ms, maxMs, "ms");
}

/** How much slower `deep` is than `first` at p99, against `max`; `name` says which is which. */
export function p99RatioAtMost(
  name: string,
  deep: Measurement,
  first: Measurement,
  max: number,
): Target {
  return atMost(`p99 ${name}`, deep.p99Ms / first.p99Ms, max, "x");
}

function table(header: string[], rows: string[][], rightAligned: Set<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");

export interface Report {
  context: Record<string, string | number>;
  measurements: Measurement[];
  ratios: Ratio[];
  targets: Target[];
  /** Other processes were using a good share of the cores when the run started. */
  busyBefore: boolean;
}

export function formatReport(report: Report): string {
  const context = Object.entries(report.context)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");
  const measurements = table(
    ["workload", "concurrency", "req/s", "p50 ms", "p99 ms", "loop µs/req", "ok", "failed"],
    report.measurements.map((m) => [
      m.name,
      String(m.concurrency),
      fixed(m.requestsPerSecond, 1),
      fixed(m.p50Ms, 2),
      fixed(m.p99Ms, 2),
      m.loopMicrosPerOp === null ? "-" : fixed(m.loopMicrosPerOp, 0),
      String(m.completed),
      String(m.failed),
    ]),
    new Set([1, 2, 3, 4, 5, 6, 7]),
  );
  const ratios = table(
    ["ratio", "value", "rounds min–max", "target", "verdict"],
    report.ratios.map((r) => [
      `${r.name} (${r.numerator} / ${r.denominator})`,
      fixed(r.value, 3),
      r.spread ? `${fixed(r.spread[0], 3)}–${fixed(r.spread[1], 3)}` : "-",
      `>= ${r.target}`,
      r.verdict,
    ]),
    new Set([1, 2]),
  );
  const targets = table(
    ["check", "value", "target", "verdict"],
    report.targets.map((t) => [
      t.name,
      t.unit === "ms" ? `${fixed(t.value, 2)} ms` : fixed(t.value, 3),
      t.unit === "ms" ? `<= ${t.max} ms` : `<= ${t.max}`,
      t.verdict,
    ]),
    new Set([1, 2]),
  );
  const warnings = report.measurements
    .filter((m) => m.failed > 0)
    .map(
      (m) => `warning: ${m.name} had ${m.failed} failed requests; its figures are not comparable`,
    );
  if (report.busyBefore) {
    warnings.push(
      `warning: other work kept ${report.context.cpu_busy_before_percent}% of the CPU busy before the run; figures and ratios are noisy`,
    );
  }
  return [
    context,
    "",
    measurements,
    ...(report.ratios.length ? ["", ratios] : []),
    ...(report.targets.length ? ["", targets] : []),
    ...(warnings.length ? ["", ...warnings] : []),
  ].join("\n");
}

const round = (n: number, digits: number) =>
  Number.isFinite(n) ? Number(n.toFixed(digits)) : null;

/** The same figures as one JSON object, for scripts that collect runs. */
export function reportJson(report: Report): string {
  return JSON.stringify({
    ...report.context,
    busy_before: report.busyBefore,
    measurements: report.measurements.map((m) => ({
      name: m.name,
      concurrency: m.concurrency,
      requests_per_second: round(m.requestsPerSecond, 1),
      p50_ms: round(m.p50Ms, 3),
      p99_ms: round(m.p99Ms, 3),
      loop_us_per_request: m.loopMicrosPerOp === null ? null : round(m.loopMicrosPerOp, 0),
      completed: m.completed,
      failed: m.failed,
    })),
    ratios: report.ratios.map((r) => ({
      name: r.name,
      numerator: r.numerator,
      denominator: r.denominator,
      value: round(r.value, 3),
      spread: r.spread ? r.spread.map((v) => round(v, 3)) : null,
      target: r.target,
      verdict: r.verdict,
    })),
    targets: report.targets.map((t) => ({
      name: t.name,
      value: round(t.value, 3),
      max: t.max,
      unit: t.unit,
      verdict: t.verdict,
    })),
  });
}
