/**
 * The inspection report: one versioned, documented object (resources/report.schema.json) that the
 * CLI prints with --json, the app exports, and the HTML and Markdown renderers read.
 */
import type { ClientId, ClientVerdicts } from '../clients';
import { bytesToBase64 } from '../bytes/base64';
import { readCertificate } from '../x509/certificate';
import type { FamilyProbe, ProbeFailure, ProbeResult, SignatureFamily } from '../tls/types';
import {
  findingDefinitions,
  type AiaFetchRecord,
  type RevocationCheck,
  type Severity,
  type TrustAnchorStore,
  type VerifyResult,
} from '../verify';
import { sha256Hex } from '../crypto/sha256-hex';
import type { TrustStoreSummary } from '../verify/types';

/** 2: adds `clients`, the verdict per client (issue 14). Readers take 1 and 2. */
export const reportSchemaVersion = 2;

export interface ReportCertificate {
  sha256: string;
  der: string;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
}

export interface PresentedCertificate extends ReportCertificate {
  index: number;
  /** Its place: in the chosen path (leaf/intermediate/root), or not needed (extra/duplicate). */
  role: 'leaf' | 'intermediate' | 'root' | 'extra' | 'duplicate';
  source: 'wire' | 'relinked' | 'file';
}

export interface ReportFinding {
  code: string;
  severity: Severity;
  title: string;
  message: string;
  fix: string;
  detail?: string;
  sha256?: string;
  /** Index into `presented`, when the certificate is one that was presented. */
  cert?: number;
}

/** One handshake of "every certificate the server has" (`--all-certificates`). */
export interface ReportFamily {
  family: SignatureFamily;
  version?: string;
  cipherSuite?: string;
  /** The chain this family's handshake got, in wire order. */
  presented?: ReportCertificate[];
  trusted?: boolean;
  findings?: { code: string; severity: Severity }[];
  /** The server has no certificate for this family, or the handshake failed for another reason. */
  failure?: { code: string; message: string };
}

export interface InspectionReport {
  schemaVersion: number;
  toolVersion: string;
  generatedAt: string;
  target?: ProbeResult['target'];
  handshake?: Omit<ProbeResult['handshake'], 'stapledOcsp' | 'sctList' | 'certificateRequest'> & {
    stapledOcsp?: string;
    sctList?: string;
    certificateRequest?: {
      /** DER, base64. */
      certificateAuthorities: string[];
      /** The same names as RFC 4514 text (absent in reports written before they were kept). */
      certificateAuthorityNames?: string[];
      signatureAlgorithms: string[];
    };
  };
  timings?: ProbeResult['timings'];
  presented: PresentedCertificate[];
  presentedSource: 'wire' | 'relinked' | 'file';
  paths: {
    trusted: boolean;
    anchored: boolean;
    anchorStores: string[];
    certificates: { sha256: string; source: string; stores?: string[] }[];
    findings: ReportFinding[];
  }[];
  chosenPath: number;
  trusted: boolean;
  findings: ReportFinding[];
  trustStores: { name: string; anchors: number }[];
  validationTime: string;
  validityWindow?: { notBefore: string; notAfter: string };
  /** Every certificate the paths mention, by SHA-256 (anchors and AIA-fetched ones included). */
  certificates: Record<string, ReportCertificate>;
  /** Leaf and the intermediates it needs, in order: what the server should send (SHA-256s). */
  fixedChain: string[];
  /** With the opt-in online revocation check: how each certificate of the chosen path was checked. */
  revocation?: RevocationCheck[];
  /** Each AIA URL asked for while building the chain: fetched, failed, or refused (and why). */
  aiaFetches?: AiaFetchRecord[];
  /**
   * The handshake did not complete, but the server had sent its certificates (e.g. it requires a
   * client certificate): the rest of the report is about what it sent before.
   */
  failure?: { code: string; message: string; alert?: string };
  /** Every certificate the server has: one handshake per signature family. */
  certificatesByAlgorithm?: ReportFamily[];
  /** Who would trust it: one row per client, the chosen client first (schema 2). */
  clients?: ReportClients;
  notes: string[];
}

export interface ReportClients {
  /** The client the others are compared with. */
  chosen: ClientId;
  rows: {
    client: ClientId;
    name: string;
    /** Who answers like this ("curl / Python / Node (OpenSSL)"). */
    label: string;
    trusted: boolean;
    /** Its own main reason: its first error, or "trusted". */
    reason: string;
    /** Why it differs from the chosen client, in one sentence (absent when it agrees). */
    differs?: string;
    /** Assumptions behind the answer (preloaded intermediates, SCTs counted not verified…). */
    notes: string[];
    /** The stores its anchors came from. */
    stores: string[];
  }[];
}

/** The report's per-client table from the verdicts. */
export function reportClients(verdicts: ClientVerdicts): ReportClients {
  return {
    chosen: verdicts.chosen,
    rows: verdicts.verdicts.map(({ client, name, label, trusted, reason, differs, notes, stores }) => ({
      client,
      name,
      label,
      trusted,
      reason,
      ...(differs ? { differs } : {}),
      notes,
      stores,
    })),
  };
}

export interface ReportInput {
  verify: VerifyResult;
  presented: Uint8Array[];
  presentedSource: 'wire' | 'relinked' | 'file';
  probe?: ProbeResult;
  /** The stores verified against: themselves, or their names and sizes (the page has only those). */
  trustStores: (TrustAnchorStore | TrustStoreSummary)[];
  toolVersion: string;
  now?: Date;
  /** The probe failed after reading the chain (`probe` is then its partial result). */
  failure?: ProbeFailure;
  /** `--all-certificates`: each family's handshake, with the verdict on its chain. */
  families?: { probe: FamilyProbe; verify?: VerifyResult }[];
  /** The verdict per client, when asked for. */
  clients?: ClientVerdicts;
}

function describe(der: Uint8Array, sha256: string): ReportCertificate {
  try {
    const certificate = readCertificate(der);
    return {
      sha256,
      der: bytesToBase64(der),
      subject: certificate.subject,
      issuer: certificate.issuer,
      notBefore: certificate.notBefore.toISOString(),
      notAfter: certificate.notAfter.toISOString(),
    };
  } catch {
    return {
      sha256,
      der: bytesToBase64(der),
      subject: '(unreadable)',
      issuer: '',
      notBefore: '',
      notAfter: '',
    };
  }
}

export async function buildReport(input: ReportInput): Promise<InspectionReport> {
  const { verify } = input;
  const chosen = verify.paths[verify.chosenPath];
  const pathShas = chosen?.certificates.map((certificate) => certificate.sha256) ?? [];
  const seen = new Set<string>();
  const presented: PresentedCertificate[] = [];
  for (const [index, der] of input.presented.entries()) {
    const sha256 = await sha256Hex(der);
    const position = pathShas.indexOf(sha256);
    let role: PresentedCertificate['role'];
    if (seen.has(sha256)) role = 'duplicate';
    else if (position === 0) role = 'leaf';
    else if (position > 0 && position === pathShas.length - 1 && chosen?.anchored) role = 'root';
    else if (position > 0) role = 'intermediate';
    else role = 'extra';
    seen.add(sha256);
    presented.push({ ...describe(der, sha256), index, role, source: input.presentedSource });
  }
  const presentedIndex = new Map(
    presented.filter((item) => item.role !== 'duplicate').map((item) => [item.sha256, item.index]),
  );
  const toFinding = (item: VerifyResult['findings'][number]): ReportFinding => {
    const definition = findingDefinitions[item.code];
    const index = item.certificate ? presentedIndex.get(item.certificate) : undefined;
    return {
      code: item.code,
      severity: item.severity,
      title: definition.title,
      message: definition.explanation,
      fix: definition.fix,
      ...(item.detail ? { detail: item.detail } : {}),
      ...(item.certificate ? { sha256: item.certificate } : {}),
      ...(index !== undefined ? { cert: index } : {}),
    };
  };
  const certificates: Record<string, ReportCertificate> = {};
  for (const [sha256, der] of Object.entries(verify.certificates))
    certificates[sha256] = describe(der, sha256);
  const probe = input.probe;
  const handshake = probe?.handshake;
  return {
    schemaVersion: reportSchemaVersion,
    toolVersion: input.toolVersion,
    generatedAt: (input.now ?? new Date()).toISOString(),
    ...(probe ? { target: probe.target, timings: probe.timings } : {}),
    ...(handshake
      ? {
          handshake: {
            ...handshake,
            stapledOcsp: handshake.stapledOcsp ? bytesToBase64(handshake.stapledOcsp) : undefined,
            sctList: handshake.sctList ? bytesToBase64(handshake.sctList) : undefined,
            certificateRequest: handshake.certificateRequest
              ? {
                  certificateAuthorities:
                    handshake.certificateRequest.certificateAuthorities.map(bytesToBase64),
                  certificateAuthorityNames: handshake.certificateRequest.certificateAuthorityNames,
                  signatureAlgorithms: handshake.certificateRequest.signatureAlgorithms,
                }
              : undefined,
          },
        }
      : {}),
    presented,
    presentedSource: input.presentedSource,
    paths: verify.paths.map((path) => ({
      trusted: path.trusted,
      anchored: path.anchored,
      anchorStores: path.anchorStores,
      certificates: path.certificates,
      findings: path.findings.map(toFinding),
    })),
    chosenPath: verify.chosenPath,
    trusted: verify.trusted,
    findings: verify.findings.map(toFinding),
    trustStores: input.trustStores.map((store) => ({
      name: store.name,
      anchors: 'anchors' in store ? store.anchors : store.certificates.length,
    })),
    validationTime: verify.validationTime.toISOString(),
    ...(verify.validityWindow
      ? {
          validityWindow: {
            notBefore: verify.validityWindow.notBefore.toISOString(),
            notAfter: verify.validityWindow.notAfter.toISOString(),
          },
        }
      : {}),
    certificates,
    fixedChain: await Promise.all(verify.fixedChain.map(sha256Hex)),
    ...(verify.revocation ? { revocation: verify.revocation } : {}),
    ...(verify.aiaFetches?.length ? { aiaFetches: verify.aiaFetches } : {}),
    ...(input.failure
      ? {
          failure: {
            code: input.failure.code,
            message: input.failure.message,
            ...(input.failure.partial?.alert ? { alert: input.failure.partial.alert } : {}),
          },
        }
      : {}),
    ...(input.families
      ? { certificatesByAlgorithm: await Promise.all(input.families.map(reportFamily)) }
      : {}),
    ...(input.clients ? { clients: reportClients(input.clients) } : {}),
    notes: probe?.notes ?? [],
  };
}

async function reportFamily({
  probe,
  verify,
}: {
  probe: FamilyProbe;
  verify?: VerifyResult;
}): Promise<ReportFamily> {
  if (!probe.result) return { family: probe.family, ...(probe.failure ? { failure: probe.failure } : {}) };
  return {
    family: probe.family,
    version: probe.result.handshake.version,
    cipherSuite: probe.result.handshake.cipherSuite,
    presented: await Promise.all(
      probe.result.presented.map(async (der) => describe(der, await sha256Hex(der))),
    ),
    ...(verify
      ? {
          trusted: verify.trusted,
          findings: verify.findings.map((item) => ({ code: item.code, severity: item.severity })),
        }
      : {}),
  };
}

/** JSON.stringify drops undefined fields; the schema never requires them. */
export function reportToJson(report: InspectionReport): string {
  return JSON.stringify(report, null, 2);
}
