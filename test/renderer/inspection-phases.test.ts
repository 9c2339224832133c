/** The progress line's model: probe events on the page's clock, AIA inside verification, stops. */
import { describe, expect, it } from 'vitest';
import {
  applyProbeEvents,
  currentStep,
  endStep,
  startStep,
  stepMs,
  stopActive,
} from '../../src-renderer/src/composables/inspectionPhases';

describe('inspection phases', () => {
  it('places probe events on the page clock, in phase order, each with its own time', () => {
    const steps = applyProbeEvents(
      [],
      [
        { phase: 'dns', kind: 'start', atMs: 0, detail: 'example.test' },
        { phase: 'dns', kind: 'end', atMs: 4, detail: '192.0.2.1' },
        { phase: 'connect', kind: 'start', atMs: 5 },
        { phase: 'connect', kind: 'end', atMs: 7 },
        { phase: 'handshake', kind: 'start', atMs: 7 },
      ],
      1000,
    );
    expect(steps.map((step) => [step.phase, step.state])).toEqual([
      ['dns', 'done'],
      ['connect', 'done'],
      ['handshake', 'active'],
    ]);
    expect(steps[0]).toMatchObject({ startedAt: 1000, endedAt: 1004, detail: '192.0.2.1' });
    expect(stepMs(steps[2], 1020)).toBe(13);
    expect(currentStep(steps)?.phase).toBe('handshake');
  });

  it('counts AIA for itself inside verification, and verification is current again after it', () => {
    let steps = startStep([], 'verify', 100);
    steps = startStep(steps, 'aia', 110);
    expect(steps.map((step) => step.phase)).toEqual(['aia', 'verify']);
    expect(currentStep(steps)?.phase).toBe('aia');
    steps = endStep(steps, 'aia', 150);
    expect(currentStep(steps)?.phase).toBe('verify');
    steps = endStep(steps, 'verify', 170);
    expect(stepMs(steps[1], 200, steps)).toBe(30);
    expect(stepMs(steps[0], 200, steps)).toBe(40);
    expect(currentStep(steps)).toBeUndefined();
  });

  it('a stop marks what was under way as failed or cancelled', () => {
    const steps = stopActive(
      startStep(endStep(startStep([], 'connect', 0), 'connect', 2), 'handshake', 2),
      'cancelled',
      9,
    );
    expect(steps.map((step) => step.state)).toEqual(['done', 'cancelled']);
    expect(stepMs(steps[1], 100)).toBe(7);
  });
});
