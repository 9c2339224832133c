/**
 * What a running probe is doing, as it happens: the probe emits an event as each phase starts and
 * ends, the service keeps them per probe id, and the page reads them to draw the progress line.
 */

/** The probe's phases, in order; `proxy` and `starttls` only when used, `dns` only for a name. */
export type ProbePhase = 'dns' | 'connect' | 'proxy' | 'starttls' | 'handshake';

export const probePhases: readonly ProbePhase[] = ['dns', 'connect', 'proxy', 'starttls', 'handshake'];

export interface ProbePhaseEvent {
  phase: ProbePhase;
  /** `start` as the phase begins, `end` once it has succeeded; a phase that fails never ends. */
  kind: 'start' | 'end';
  /** Milliseconds since the probe started, on the probe's own clock. */
  atMs: number;
  /** What the phase aimed at or found: the addresses resolved, the address dialled, the version. */
  detail?: string;
}

/** The events of one probe from an index on, and whether the probe has finished. */
export interface ProbeProgress {
  events: ProbePhaseEvent[];
  done: boolean;
}
