/** The progress line's model: probe events on the page's clock, AIA inside verification, stops. */
import { describe, expect, it } from 'vitest';
import {
  applyProbeEvents,
  breakdown,
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

  it('the figures add up: the steps, the time between them, the whole', () => {
    let steps = applyProbeEvents(
      [],
      [
        { phase: 'dns', kind: 'start', atMs: 0 },
        { phase: 'dns', kind: 'end', atMs: 4.4 },
        { phase: 'connect', kind: 'start', atMs: 4.6 },
        { phase: 'connect', kind: 'end', atMs: 5.7 },
        { phase: 'handshake', kind: 'start', atMs: 6 },
        { phase: 'handshake', kind: 'end', atMs: 15.2 },
      ],
      0,
    );
    // The capture crosses to the page, then verification (with an AIA fetch inside it).
    steps = startStep(steps, 'verify', 40);
    steps = startStep(steps, 'aia', 41);
    steps = endStep(steps, 'aia', 500);
    steps = endStep(steps, 'verify', 536.4);
    const { own, other, total } = breakdown(steps, 1000);
    expect(own).toEqual([4, 1, 9, 459, 37]);
    expect(total).toBe(536);
    expect(own.reduce((sum, ms) => sum + ms, 0) + other).toBe(total);
    expect(other).toBe(26);
    expect(breakdown([], 0)).toEqual({ own: [], other: 0, total: 0 });
  });
});
