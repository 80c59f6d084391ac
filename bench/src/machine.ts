import { cpus } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";

function totals() {
  let idle = 0;
  let all = 0;
  for (const { times } of cpus()) {
    idle += times.idle;
    all += times.user + times.nice + times.sys + times.idle + times.irq;
  }
  return { idle, all };
}

/**
 * The share of all cores that other work kept busy over `ms` before the run starts, in percent.
 * Anything else running on the machine takes cores from the servers and skews every figure.
 */
export async function busyCpuPercent(ms = 1000): Promise<number> {
  const before = totals();
  await sleep(ms);
  const after = totals();
  const all = after.all - before.all;
  return all > 0 ? (100 * (all - (after.idle - before.idle))) / all : 0;
}
