// Processes as Linux sees them: their resident sizes and CPU time. Native memory of a test's Chromium, from Linux: which processes are its renderers (CDP SystemInfo.getProcessInfo
// on the browser session), their resident size before a job, and their peak during it. The peak is the kernel's
// high-water mark (VmHWM), reset by writing 5 to /proc/<pid>/clear_refs just before the job: no sampling, so a
// short spike between two samples cannot be missed. Image decode memory is native (Skia, libjpeg, the
// OffscreenCanvas), so a JS heap figure would not see it; dedicated workers run in their page's renderer.
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';

export interface ProcessPeak { pid: number; type: string; beforeKb: number; peakKb: number }

/** Growth of the processes' peak over their resident size before, in MB (1 MB = 1024 × 1024 bytes). */
export const growthMb = (peaks: ProcessPeak[]): number => peaks.reduce((n, p) => n + Math.max(0, p.peakKb - p.beforeKb), 0) / 1024;

/** A size from /proc/<pid>/status, in kB; throws if the process has exited. */
export function statusKb(pid: number, field: 'VmRSS' | 'VmHWM' | 'RssAnon' | 'RssFile' | 'RssShmem'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no ${field} for process ${pid}`);
  return Number(m[1]);
}

const CLOCK_TICKS = Number(execSync('getconf CLK_TCK').toString().trim());

/** CPU time (user + system) the process has used so far, in ms, from /proc/<pid>/stat; throws if it has exited. */
export function cpuTimeMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS; // utime, stime (fields 14 and 15 of stat)
}

/** The browser's processes of the given types (by default the renderers, where pages and their workers run). */
export async function chromiumProcesses(browser: Browser, types: readonly string[] = ['renderer']): Promise<Array<{ pid: number; type: string }>> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = await cdp.send('SystemInfo.getProcessInfo') as { processInfo: Array<{ id: number; type: string }> };
    return processInfo.filter((p) => types.includes(p.type)).map((p) => ({ pid: p.id, type: p.type }));
  } finally {
    await cdp.detach();
  }
}

/** Runs `job` and returns each process's resident size before it and its peak during it. */
export async function peakDuring<T>(processes: Array<{ pid: number; type: string }>, job: () => Promise<T>): Promise<{ result: T; peaks: ProcessPeak[] }> {
  const before = processes.map((p) => {
    writeFileSync(`/proc/${p.pid}/clear_refs`, '5'); // VmHWM := VmRSS
    return { ...p, beforeKb: statusKb(p.pid, 'VmRSS') };
  });
  const result = await job();
  return { result, peaks: before.map((p) => ({ ...p, peakKb: statusKb(p.pid, 'VmHWM') })) };
}
