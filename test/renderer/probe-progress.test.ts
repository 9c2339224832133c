/**
 * ProbeProgress: the steps in order with their times, the current one marked for assistive tech,
 * Cancel while the probe runs (kept in place, hidden, afterwards), and a status that speaks only
 * when the phase changes.
 */
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import ProbeProgress from '../../src-renderer/src/components/ProbeProgress.vue';
import type { PhaseStep } from '../../src-renderer/src/composables/inspectionPhases';

const now = performance.now();
const running: PhaseStep[] = [
  { phase: 'dns', state: 'done', startedAt: now - 50, endedAt: now - 40 },
  { phase: 'connect', state: 'done', startedAt: now - 40, endedAt: now - 38 },
  { phase: 'handshake', state: 'active', startedAt: now - 38 },
];

describe('ProbeProgress', () => {
  it('while the probe runs: the current step, its time counting, and Cancel', async () => {
    const wrapper = mount(ProbeProgress, {
      props: { steps: running, target: 'example.test', cancellable: true },
    });
    const steps = wrapper.findAll('[data-testid="progress-step"]');
    expect(steps.map((step) => step.find('[data-testid="progress-step-name"]').text())).toEqual([
      'DNS',
      'connect',
      'handshake',
    ]);
    expect(steps.map((step) => step.attributes('aria-current'))).toEqual([undefined, undefined, 'step']);
    expect(steps[0].find('[data-testid="progress-step-time"]').text()).toBe('10 ms');
    expect(wrapper.find('[data-testid="progress-status"]').text()).toBe('handshake under way');
    expect(wrapper.attributes('aria-live')).toBe('off');
    const cancel = wrapper.find('[data-testid="cancel-probe"]');
    expect(cancel.attributes('disabled')).toBeUndefined();
    await cancel.trigger('click');
    expect(wrapper.emitted('cancel')).toHaveLength(1);
    wrapper.unmount();
  });

  it('once stopped: where it stopped, the total, and Cancel out of the way', () => {
    const stopped: PhaseStep[] = [
      running[0],
      running[1],
      { ...running[2], state: 'cancelled', endedAt: now - 8 },
    ];
    const wrapper = mount(ProbeProgress, {
      props: { steps: stopped, target: 'example.test', cancellable: false },
    });
    expect(wrapper.find('[data-state="cancelled"]').exists()).toBe(true);
    expect(wrapper.find('[aria-current]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="progress-status"]').text()).toBe('Cancelled at handshake');
    expect(wrapper.find('[data-testid="progress-total"]').text()).toBe('= 42 ms in all');
    expect(wrapper.find('[data-testid="progress-other"]').exists()).toBe(false);
    const cancel = wrapper.find('[data-testid="cancel-probe"]');
    expect(cancel.attributes('disabled')).toBeDefined();
    expect(cancel.attributes('aria-hidden')).toBe('true');
    expect(cancel.classes()).toContain('progress__cancel--over');
  });

  it('once done, the time between the steps is its own figure, and everything adds up', () => {
    const done: PhaseStep[] = [
      { phase: 'dns', state: 'done', startedAt: 0, endedAt: 4 },
      { phase: 'connect', state: 'done', startedAt: 4, endedAt: 5 },
      { phase: 'handshake', state: 'done', startedAt: 5, endedAt: 14 },
      // The capture crossed to the page for 500 ms before verification began.
      { phase: 'verify', state: 'done', startedAt: 514, endedAt: 518 },
    ];
    const wrapper = mount(ProbeProgress, {
      props: { steps: done, target: 'example.test', cancellable: false },
    });
    expect(wrapper.findAll('[data-testid="progress-step-time"]').map((time) => time.text())).toEqual([
      '4 ms',
      '1 ms',
      '9 ms',
      '4 ms',
    ]);
    expect(wrapper.find('[data-testid="progress-other"]').text()).toBe('other 500 ms');
    expect(wrapper.find('[data-testid="progress-total"]').text()).toBe('= 518 ms in all');
  });
});
