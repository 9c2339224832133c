/**
 * The steps of one host inspection for the progress line: the probe's phases as the main process
 * reported them, then AIA fetching and verification here in the page. Pure functions over a list;
 * the inspection store feeds them real events, never a timer.
 */
import { probePhases, type ProbePhase, type ProbePhaseEvent } from '../../../src-core/tls/progress';

export type InspectionPhase = ProbePhase | 'aia' | 'verify';
export type StepState = 'active' | 'done' | 'failed' | 'cancelled';

export interface PhaseStep {
  phase: InspectionPhase;
  state: StepState;
  /** On the page's clock (`performance.now()`). */
  startedAt: number;
  endedAt?: number;
  detail?: string;
}

export const phaseLabels: Record<InspectionPhase, string> = {
  dns: 'DNS',
  connect: 'connect',
  proxy: 'proxy',
  starttls: 'STARTTLS',
  handshake: 'handshake',
  aia: 'AIA',
  verify: 'verify',
};

const order: InspectionPhase[] = [...probePhases, 'aia', 'verify'];

function sorted(steps: PhaseStep[]): PhaseStep[] {
  return [...steps].sort((a, b) => order.indexOf(a.phase) - order.indexOf(b.phase));
}

/** A phase begins (again: AIA may fetch more than once; the step then spans them all). */
export function startStep(steps: PhaseStep[], phase: InspectionPhase, at: number, detail?: string) {
  const existing = steps.find((step) => step.phase === phase);
  if (existing)
    return steps.map((step) => (step === existing ? { ...step, state: 'active' as const } : step));
  return sorted([...steps, { phase, state: 'active', startedAt: at, ...(detail ? { detail } : {}) }]);
}

export function endStep(steps: PhaseStep[], phase: InspectionPhase, at: number, detail?: string) {
  return steps.map((step) =>
    step.phase === phase
      ? { ...step, state: 'done' as const, endedAt: at, ...(detail ? { detail } : {}) }
      : step,
  );
}

/** The probe's events, placed on the page's clock from when the probe was asked for (`origin`). */
export function applyProbeEvents(steps: PhaseStep[], events: ProbePhaseEvent[], origin: number) {
  return events.reduce(
    (next, event) =>
      event.kind === 'start'
        ? startStep(next, event.phase, origin + event.atMs, event.detail)
        : endStep(next, event.phase, origin + event.atMs, event.detail),
    steps,
  );
}

/** The inspection stopped: whatever was still going on failed (or was cancelled) there. */
export function stopActive(steps: PhaseStep[], state: 'failed' | 'cancelled', at: number) {
  return steps.map((step) => (step.state === 'active' ? { ...step, state, endedAt: at } : step));
}

/**
 * The step under way now: the last one to start of those still going (verification is still going
 * while its AIA fetch runs; the probe's last event may land just after verification began).
 */
export function currentStep(steps: PhaseStep[]): PhaseStep | undefined {
  return steps
    .filter((step) => step.state === 'active')
    .reduce<PhaseStep | undefined>(
      (last, step) => (!last || step.startedAt >= last.startedAt ? step : last),
      undefined,
    );
}

/**
 * The time a step took of its own: steps that began inside it (AIA inside verification) count
 * for themselves, not twice.
 */
export function stepMs(step: PhaseStep, now: number, steps: PhaseStep[] = []): number {
  const end = step.endedAt ?? now;
  const nested = steps
    .filter((other) => other !== step && other.startedAt > step.startedAt && other.startedAt < end)
    .reduce((sum, other) => sum + Math.min(end, other.endedAt ?? now) - other.startedAt, 0);
  return Math.max(0, end - step.startedAt - nested);
}

/**
 * The line's figures in whole milliseconds, made to add up: each step's own time, the time
 * between them ("other": the request and the capture crossing between page and probe, drawing),
 * and the whole, which is their sum.
 */
export function breakdown(steps: PhaseStep[], now: number): { own: number[]; other: number; total: number } {
  const own = steps.map((step) => Math.round(stepMs(step, now, steps)));
  const [first] = steps;
  if (!first) return { own, other: 0, total: 0 };
  const span = Math.round(Math.max(...steps.map((step) => step.endedAt ?? now)) - first.startedAt);
  const counted = own.reduce((sum, ms) => sum + ms, 0);
  const other = Math.max(0, span - counted);
  return { own, other, total: counted + other };
}

/** One short sentence for screen readers, changing only when a phase starts or stops. */
export function announcement(steps: PhaseStep[]): string {
  const current = currentStep(steps);
  if (current) return `${phaseLabels[current.phase]} under way`;
  const stopped = steps.find((step) => step.state === 'failed' || step.state === 'cancelled');
  if (stopped)
    return `${stopped.state === 'failed' ? 'Failed' : 'Cancelled'} at ${phaseLabels[stopped.phase]}`;
  return steps.length ? 'Inspection complete' : '';
}

export function formatStepMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
