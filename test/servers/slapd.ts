/**
 * Debian's OpenLDAP slapd (TLS by GnuTLS) in the foreground (`slapd -d 0`) with a cn=config folder
 * made by slapadd from a generated LDIF: LDAP (StartTLS) and LDAPS on random ports, asking
 * clients for a certificate from the given CA (`olcTLSVerifyClient: try`).
 */
import {
  freePorts,
  requireBinary,
  requireRoot,
  startServerIn,
  tempDir,
  type RunningServer,
  runSetup,
} from './harness';

export interface SlapdOptions {
  fullchain: string;
  key: string;
  clientCaFile: string;
}

export interface RunningSlapd extends RunningServer {
  ldapPort: number;
  ldapsPort: number;
}

export async function startSlapd(options: SlapdOptions): Promise<RunningSlapd> {
  requireRoot('slapd');
  const slapd = requireBinary('/usr/sbin/slapd', 'slapd');
  const slapadd = requireBinary('/usr/sbin/slapadd', 'slapd');
  const dir = tempDir('slapd');
  const [ldapPort, ldapsPort] = await freePorts(2);
  const configDir = dir.mkdir('slapd.d', { mode: 0o700 });
  const ldif = dir.write(
    'config.ldif',
    [
      'dn: cn=config',
      'objectClass: olcGlobal',
      'cn: config',
      `olcPidFile: ${dir.path('slapd.pid')}`,
      `olcTLSCertificateFile: ${options.fullchain}`,
      `olcTLSCertificateKeyFile: ${options.key}`,
      `olcTLSCACertificateFile: ${options.clientCaFile}`,
      'olcTLSVerifyClient: try',
      '',
      'dn: cn=schema,cn=config',
      'objectClass: olcSchemaConfig',
      'cn: schema',
      '',
      'dn: olcDatabase={-1}frontend,cn=config',
      'objectClass: olcDatabaseConfig',
      'objectClass: olcFrontendConfig',
      'olcDatabase: {-1}frontend',
      '',
      'dn: olcDatabase={0}config,cn=config',
      'objectClass: olcDatabaseConfig',
      'olcDatabase: {0}config',
      'olcRootDN: cn=admin,cn=config',
      '',
    ].join('\n'),
  );
  const server = await startServerIn(
    dir,
    {
      name: 'slapd',
      command: slapd,
      // -d 0: stay in the foreground, log errors only; -h: only our two listeners.
      args: [
        '-d',
        '0',
        '-h',
        `ldap://127.0.0.1:${ldapPort}/ ldaps://127.0.0.1:${ldapsPort}/`,
        '-F',
        configDir,
      ],
      ports: [ldapPort, ldapsPort].map((port) => ({ host: '127.0.0.1' as const, port })),
    },
    () => runSetup('slapadd of the generated cn=config', slapadd, ['-n', '0', '-F', configDir, '-l', ldif]),
  );
  return {
    ldapPort,
    ldapsPort,
    ...server,
  };
}
