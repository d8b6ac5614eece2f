/*
 * CPU time and memory of processes on this machine, from Linux's /proc: how the
 * load generator measures a bridge's Node process and its SFU workers, whether
 * it started the bridge or was pointed at one with --url.
 */
import fs from 'node:fs';

/** Linux reports CPU times in clock ticks of 1/100 s (USER_HZ) on every platform Node runs on. */
const TICKS_PER_SECOND = 100;

function statFields(pid: number): string[] {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name is in parentheses and may hold spaces: fields count from after it.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** User plus system CPU seconds the process has used so far. */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

export function rssBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/** The mediasoup workers a bridge's Node process has started. */
export function workersOf(nodePid: number): number[] {
  const workers: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const pid = Number(entry);
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('mediasoup-worke') && Number(statFields(pid)[1]) === nodePid) workers.push(pid);
    } catch {
      // The process ended while the list was read.
    }
  }
  return workers;
}

/** CPU used by a set of processes between two readings, as a share of one core. */
export class CpuMeter {
  private readonly start: Map<number, number>;
  private readonly startedAt = performance.now();

  constructor(private readonly pids: readonly number[]) {
    this.start = new Map(pids.map((pid) => [pid, cpuSeconds(pid)]));
  }

  /** Per process, the share of one core used since the meter started (1 = a whole core). */
  read(): Map<number, number> {
    const seconds = (performance.now() - this.startedAt) / 1000;
    return new Map(this.pids.map((pid) => [pid, (cpuSeconds(pid) - this.start.get(pid)!) / seconds]));
  }
}
