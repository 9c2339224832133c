/** Checks a probe request from the renderer before the socket service sees it. */
import {
  signatureFamilies,
  type ProbeRequest,
  type ProxySettings,
  type StarttlsProtocol,
} from '../tls/types';
import { ApiArgumentError, expectBytes, expectObject, expectString } from './validate';

const starttlsProtocols: StarttlsProtocol[] = ['smtp', 'imap', 'pop3', 'ftp', 'xmpp', 'ldap', 'postgres'];
const versions = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
const allowedKeys = new Set([
  'target',
  'port',
  'sni',
  'address',
  'starttls',
  'xmppDomain',
  'signatureFamily',
  'clientCertificate',
  'proxy',
  'connectTimeoutMs',
  'deadlineMs',
  'minVersion',
  'maxVersion',
]);

function optionalInteger(value: unknown, what: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ApiArgumentError(`${what} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !allowed.includes(value as T))
    throw new ApiArgumentError(`${what} must be one of ${allowed.join(', ')}`);
  return value as T;
}

export function validateProbeRequest(value: unknown): ProbeRequest {
  const input = expectObject(value, 'probe request');
  for (const key of Object.keys(input)) {
    if (!allowedKeys.has(key)) throw new ApiArgumentError(`unknown probe option "${key}"`);
  }
  const request: ProbeRequest = { target: expectString(input.target, 'target', 2048) };
  const port = optionalInteger(input.port, 'port', 1, 65535);
  if (port !== undefined) request.port = port;
  if (input.sni === null) request.sni = null;
  else if (input.sni !== undefined) request.sni = expectString(input.sni, 'SNI', 253);
  if (input.address !== undefined) request.address = expectString(input.address, 'address', 64);
  const starttls = oneOf(input.starttls, starttlsProtocols, 'STARTTLS protocol');
  if (starttls) request.starttls = starttls;
  if (input.xmppDomain !== undefined) request.xmppDomain = expectString(input.xmppDomain, 'XMPP domain', 253);
  const signatureFamily = oneOf(input.signatureFamily, signatureFamilies, 'signature family');
  if (signatureFamily) request.signatureFamily = signatureFamily;
  const connectTimeoutMs = optionalInteger(input.connectTimeoutMs, 'connect timeout', 100, 120_000);
  if (connectTimeoutMs !== undefined) request.connectTimeoutMs = connectTimeoutMs;
  const deadlineMs = optionalInteger(input.deadlineMs, 'deadline', 100, 300_000);
  if (deadlineMs !== undefined) request.deadlineMs = deadlineMs;
  const minVersion = oneOf(input.minVersion, versions, 'minimum version');
  if (minVersion) request.minVersion = minVersion;
  const maxVersion = oneOf(input.maxVersion, versions, 'maximum version');
  if (maxVersion) request.maxVersion = maxVersion;
  if (input.clientCertificate !== undefined) {
    const client = expectObject(input.clientCertificate, 'client certificate');
    request.clientCertificate =
      client.pkcs12 !== undefined
        ? {
            pkcs12: expectBytes(client.pkcs12, 'PKCS#12 file', 1024 * 1024),
            password: expectString(client.password ?? '', 'PKCS#12 password', 1024),
          }
        : {
            certificatePem: expectString(client.certificatePem, 'client certificate PEM', 1024 * 1024),
            privateKeyPem: expectString(client.privateKeyPem, 'client private key PEM', 1024 * 1024),
          };
  }
  if (input.proxy !== undefined) request.proxy = validateProxy(input.proxy);
  return request;
}

export function validateProxy(value: unknown): ProxySettings {
  const proxy = expectObject(value, 'proxy');
  return {
    url: expectString(proxy.url, 'proxy URL', 2048),
    ...(proxy.username !== undefined
      ? { username: expectString(proxy.username, 'proxy user name', 256) }
      : {}),
    ...(proxy.password !== undefined
      ? { password: expectString(proxy.password, 'proxy password', 256) }
      : {}),
  };
}
