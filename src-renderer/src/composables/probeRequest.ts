/** Turns the host bar and its options into a probe request the API contract accepts. */
import type { ProbeRequest, StarttlsProtocol } from '../../../src-core/tls/types';
import type { ClientCertificateModel } from '../components/ClientCertificateOptions.vue';

/** The connection options as the host bar's options panel edits them. */
export interface HostOptionsModel extends ClientCertificateModel {
  port: string;
  sniMode: 'host' | 'custom' | 'none';
  sni: string;
  address: string;
  starttls: '' | StarttlsProtocol;
  proxy: string;
  validationDate: string;
  /** Ask OCSP responders / CRL servers about each certificate (opt-in: it contacts the CAs). */
  checkRevocation: boolean;
}

export function defaultHostOptions(): HostOptionsModel {
  return {
    port: '',
    sniMode: 'host',
    sni: '',
    address: '',
    starttls: '',
    proxy: '',
    validationDate: '',
    clientCertificatePem: '',
    clientKeyPem: '',
    clientPkcs12: null,
    clientPkcs12Password: '',
    checkRevocation: false,
  };
}

export function buildProbeRequest(target: string, options: HostOptionsModel): ProbeRequest {
  const request: ProbeRequest = { target };
  const port = Number(options.port);
  if (options.port.trim() && Number.isInteger(port) && port > 0 && port < 65536) request.port = port;
  if (options.sniMode === 'none') request.sni = null;
  if (options.sniMode === 'custom' && options.sni.trim()) request.sni = options.sni.trim();
  if (options.address.trim()) request.address = options.address.trim();
  if (options.starttls) request.starttls = options.starttls;
  if (options.proxy.trim()) request.proxy = { url: options.proxy.trim() };
  if (options.clientPkcs12) {
    request.clientCertificate = { pkcs12: options.clientPkcs12, password: options.clientPkcs12Password };
  } else if (options.clientCertificatePem && options.clientKeyPem) {
    request.clientCertificate = {
      certificatePem: options.clientCertificatePem,
      privateKeyPem: options.clientKeyPem,
    };
  }
  return request;
}

/** "2030-01-31" → that day at noon UTC (a whole day's validity either side); anything else → undefined. */
export function parseValidationDate(text: string): Date | undefined {
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(text);
  if (!match) return undefined;
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T12:00:00Z`);
  // Date rolls 2030-02-31 over into March: such a day does not exist.
  return Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== `${match[1]}-${match[2]}-${match[3]}`
    ? undefined
    : date;
}
