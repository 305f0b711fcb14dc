/** The parts of a Chromium trace and a V8 CPU profile that the profiling benches read. */

/** One event of a Chromium trace (Tracing.start / Lighthouse's Trace artifact). */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

/** A node of a V8 CPU profile (Profiler.stop, or rebuilt from a trace's ProfileChunk events). */
export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime?: number;
  samples: number[];
  timeDeltas: number[];
}
