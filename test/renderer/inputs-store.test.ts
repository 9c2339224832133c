import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { useInputsStore } from '../../src-renderer/src/stores/inputs';
import LoadedInputs from '../../src-renderer/src/components/LoadedInputs.vue';
import HostBar from '../../src-renderer/src/components/HostBar.vue';

// A real certificate: Node's bundled roots aren't reachable from happy-dom's test, so one is inlined.
const isrgRootX1 = `-----BEGIN CERTIFICATE-----
MIIFazCCA1OgAwIBAgIRAIIQz7DSQONZRGPgu2OCiwAwDQYJKoZIhvcNAQELBQAw
TzELMAkGA1UEBhMCVVMxKTAnBgNVBAoTIEludGVybmV0IFNlY3VyaXR5IFJlc2Vh
cmNoIEdyb3VwMRUwEwYDVQQDEwxJU1JHIFJvb3QgWDEwHhcNMTUwNjA0MTEwNDM4
WhcNMzUwNjA0MTEwNDM4WjBPMQswCQYDVQQGEwJVUzEpMCcGA1UEChMgSW50ZXJu
ZXQgU2VjdXJpdHkgUmVzZWFyY2ggR3JvdXAxFTATBgNVBAMTDElTUkcgUm9vdCBY
MTCCAiIwDQYJKoZIhvcNAQEBBQADggIPADCCAgoCggIBAK3oJHP0FDfzm54rVygc
h77ct984kIxuPOZXoHj3dcKi/vVqbvYATyjb3miGbESTtrFj/RQSa78f0uoxmyF+
0TM8ukj13Xnfs7j/EvEhmkvBioZxaUpmZmyPfjxwv60pIgbz5MDmgK7iS4+3mX6U
A5/TR5d8mUgjU+g4rk8Kb4Mu0UlXjIB0ttov0DiNewNwIRt18jA8+o+u3dpjq+sW
T8KOEUt+zwvo/7V3LvSye0rgTBIlDHCNAymg4VMk7BPZ7hm/ELNKjD+Jo2FR3qyH
B5T0Y3HsLuJvW5iB4YlcNHlsdu87kGJ55tukmi8mxdAQ4Q7e2RCOFvu396j3x+UC
B5iPNgiV5+I3lg02dZ77DnKxHZu8A/lJBdiB3QW0KtZB6awBdpUKD9jf1b0SHzUv
KBds0pjBqAlkd25HN7rOrFleaJ1/ctaJxQZBKT5ZPt0m9STJEadao0xAH0ahmbWn
OlFuhjuefXKnEgV4We0+UXgVCwOPjdAvBbI+e0ocS3MFEvzG6uBQE3xDk3SzynTn
jh8BCNAw1FtxNrQHusEwMFxIt4I7mKZ9YIqioymCzLq9gwQbooMDQaHWBfEbwrbw
qHyGO0aoSCqI3Haadr8faqU9GY/rOPNk3sgrDQoo//fb4hVC1CLQJ13hef4Y53CI
rU7m2Ys6xt0nUW7/vGT1M0NPAgMBAAGjQjBAMA4GA1UdDwEB/wQEAwIBBjAPBgNV
HRMBAf8EBTADAQH/MB0GA1UdDgQWBBR5tFnme7bl5AFzgAiIyBpY9umbbjANBgkq
hkiG9w0BAQsFAAOCAgEAVR9YqbyyqFDQDLHYGmkgJykIrGF1XIpu+ILlaS/V9lZL
ubhzEFnTIZd+50xx+7LSYK05qAvqFyFWhfFQDlnrzuBZ6brJFe+GnY+EgPbk6ZGQ
3BebYhtF8GaV0nxvwuo77x/Py9auJ/GpsMiu/X1+mvoiBOv/2X/qkSsisRcOj/KK
NFtY2PwByVS5uCbMiogziUwthDyC3+6WVwW6LLv3xLfHTjuCvjHIInNzktHCgKQ5
ORAzI4JMPJ+GslWYHb4phowim57iaztXOoJwTdwJx4nLCgdNbOhdjsnvzqvHu7Ur
TkXWStAmzOVyyghqpZXjFaH3pO3JLF+l+/+sKAIuvtd7u+Nxe5AW0wdeRlN8NwdC
jNPElpzVmbUq4JUagEiuTDkHzsxHpFKVK7q4+63SM1N95R1NbdWhscdCb+ZAJzVc
oyi3B43njTOQ5yOf+1CceWxG1bQVs5ZufpsMljq4Ui0/1lvh+wjChP4kqKOJ2qxq
4RgqsahDYVvTH9w7jXbyLeiNdd8XM2w9U/t7y0Ff/9yi0GE44Za4rF2LN9d11TPA
mRGunUHBcnWEvgJBQl9nJEiU0Zsnvgc/ubhPgXRR4Xq37Z0j4r7g1SgEEzwxA57d
emyPxgcYxn/eR44/KJ4EBs+lVDR3veyJm+kXQ99b21/+jh5Xos1AnX5iItreGCc=
-----END CERTIFICATE-----
`;

describe('inputs store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('decodes dropped files into rows, one file per entry', async () => {
    const store = useInputsStore();
    await store.addFiles([{ name: 'isrg.pem', bytes: new TextEncoder().encode(isrgRootX1 + isrgRootX1) }]);
    expect(store.items).toHaveLength(1);
    expect(store.items[0].rows).toHaveLength(2);
    expect(store.items[0].rows[0].subject).toContain('ISRG Root X1');
    expect(store.items[0].rows[0].notAfter.toISOString()).toBe('2035-06-04T11:04:38.000Z');
    expect(store.items[0].error).toBeUndefined();
  });

  it('keeps a bad file as an entry with a message, beside the good ones', async () => {
    const store = useInputsStore();
    await store.addFiles([
      { name: 'junk.bin', bytes: new Uint8Array([1, 2, 3, 4]) },
      { name: 'isrg.pem', bytes: new TextEncoder().encode(isrgRootX1) },
    ]);
    expect(store.items.map((item) => item.name)).toEqual(['junk.bin', 'isrg.pem']);
    expect(store.items[0].rows).toHaveLength(0);
    expect(store.items[0].error).toMatch(/not a certificate/i);
    expect(store.items[1].rows).toHaveLength(1);
  });

  it('removes an entry', async () => {
    const store = useInputsStore();
    await store.addFiles([{ name: 'isrg.pem', bytes: new TextEncoder().encode(isrgRootX1) }]);
    store.remove(store.items[0].id);
    expect(store.items).toEqual([]);
  });
});

describe('components', () => {
  it('LoadedInputs renders each file with its rows and errors', async () => {
    setActivePinia(createPinia());
    const store = useInputsStore();
    await store.addFiles([
      { name: 'isrg.pem', bytes: new TextEncoder().encode(isrgRootX1) },
      { name: 'junk.bin', bytes: new Uint8Array([9, 9]) },
    ]);
    const wrapper = mount(LoadedInputs, { props: { inputs: store.items } });
    expect(wrapper.findAll('[data-testid="loaded-file-name"]').map((node) => node.text())).toEqual([
      'isrg.pem',
      'junk.bin',
    ]);
    expect(wrapper.find('[data-testid="certificate-subject"]').text()).toContain('ISRG Root X1');
    expect(wrapper.find('[data-testid="input-error"]').text()).toMatch(/not a certificate/i);
    await wrapper.findAll('button')[0].trigger('click');
    expect(wrapper.emitted('remove')?.[0]).toEqual([store.items[0].id]);
  });

  it('HostBar emits the trimmed target on Enter and stays disabled when empty', async () => {
    const wrapper = mount(HostBar);
    const button = wrapper.find('[data-testid="inspect-button"]');
    expect(button.attributes('disabled')).toBeDefined();
    await wrapper.find('input').setValue('  example.com:8443  ');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('inspect')?.[0]).toEqual(['example.com:8443']);
  });
});
