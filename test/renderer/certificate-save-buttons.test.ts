/**
 * CertificateSaveButtons in the desktop app: Save PEM and Save DER go to main's `saveExport` (the
 * save dialog and the atomic writer) with the right bytes and a safe name; the outcome — saved,
 * cancelled, disk full — is said in one line; Copy PEM puts the PEM on the clipboard.
 */
import { flushPromises, mount } from '@vue/test-utils';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CertscopeApi, SaveExportOutcome } from '../../src-core/api/contract';
import { certificatePem } from '../../src-core/report/certificates';
import CertificateSaveButtons from '../../src-renderer/src/components/CertificateSaveButtons.vue';

const der = new Uint8Array([0x30, 0x82, 0x01, 0x0a, ...Array.from({ length: 60 }, (_, index) => index)]);
let nextOutcome: SaveExportOutcome = { saved: true, path: '/home/me/Downloads/x.pem' };
const saveExport = vi.fn(async (_name: string, _bytes: Uint8Array) => nextOutcome);

beforeAll(() => {
  const api: Partial<CertscopeApi> = {
    getAppInfo: async () => ({ name: 'Certscope', version: 'test', mode: 'electron', versions: {} }),
    saveExport,
  };
  window.certscope = api as CertscopeApi;
});
beforeEach(() => saveExport.mockClear());

function mountButtons() {
  return mount(CertificateSaveButtons, { props: { der, name: 'Certscope Lab Intermediate (good)' } });
}

describe('CertificateSaveButtons', () => {
  it('saves the PEM through the save dialog and says where', async () => {
    nextOutcome = { saved: true, path: '/home/me/Downloads/Certscope_Lab_Intermediate_good.pem' };
    const wrapper = mountButtons();
    await wrapper.get('[data-testid="save-pem"]').trigger('click');
    await flushPromises();
    expect(saveExport).toHaveBeenCalledOnce();
    const [name, bytes] = saveExport.mock.calls[0];
    expect(name).toBe('Certscope_Lab_Intermediate_good.pem');
    expect(new TextDecoder().decode(bytes)).toBe(certificatePem(der));
    expect(wrapper.get('[data-testid="certificate-save-message"]').text()).toBe(
      'Saved to /home/me/Downloads/Certscope_Lab_Intermediate_good.pem',
    );
  });

  it('saves the DER bytes unchanged', async () => {
    const wrapper = mountButtons();
    await wrapper.get('[data-testid="save-der"]').trigger('click');
    await flushPromises();
    const [name, bytes] = saveExport.mock.calls[0];
    expect(name).toBe('Certscope_Lab_Intermediate_good.der');
    expect(Array.from(bytes)).toEqual(Array.from(der));
  });

  it('says nothing when the dialog is cancelled, and names a full disk as an alert', async () => {
    nextOutcome = { saved: false };
    const wrapper = mountButtons();
    await wrapper.get('[data-testid="save-pem"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="certificate-save-message"]').exists()).toBe(false);
    nextOutcome = {
      saved: false,
      path: '/mnt/full/x.pem',
      problem: 'could not save /mnt/full/x.pem: the disk is full',
    };
    await wrapper.get('[data-testid="save-der"]').trigger('click');
    await flushPromises();
    const message = wrapper.get('[data-testid="certificate-save-message"]');
    expect(message.attributes('role')).toBe('alert');
    expect(message.text()).toBe('Not saved: could not save /mnt/full/x.pem: the disk is full');
  });

  it('copies the PEM to the clipboard', async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const wrapper = mountButtons();
    await wrapper.get('[data-testid="copy-pem"]').trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith(certificatePem(der));
    expect(wrapper.get('[data-testid="certificate-save-message"]').text()).toBe(
      'PEM copied to the clipboard',
    );
  });
});
