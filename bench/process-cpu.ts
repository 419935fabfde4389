/*
 * Processor time of a process and everything it started (the serving
 * processes under bin/serve.ts), read from /proc: how much work a page costs,
 * whatever else the machine is doing (issue 22: "measure against the floor,
 * not the clock").
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  ticksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  return ticksPerSecond;
}

/** Milliseconds of processor (user and system) used so far by `rootPid` and its descendants, including children that have exited and been waited for. */
export function processTreeCpuMs(rootPid: number): number {
  const parentOf = new Map<number, number>();
  const ticksOf = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // it ended while we looked
    }
    // After the command's name in brackets: state, ppid, ... utime (14th field), stime, cutime, cstime.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    parentOf.set(Number(entry), Number(fields[1]));
    ticksOf.set(Number(entry), Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]));
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid, depth = 0; p !== undefined && p > 1 && depth < 32; p = parentOf.get(p), depth++) if (p === rootPid) return true;
    return false;
  };
  let ticks = 0;
  for (const [pid, t] of ticksOf) if (inTree(pid)) ticks += t;
  return (ticks * 1000) / clockTicks();
}
