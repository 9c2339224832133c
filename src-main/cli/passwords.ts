/**
 * Passwords on the command line: a value after the flag is visible to every user of the machine
 * (`ps`, /proc/PID/cmdline) and stays in shell history. So each password option has two better
 * ways, and the value form says so when used:
 *
 * - the flag alone (`--password`) asks on the terminal, without echo; without a terminal it reads
 *   the first line of standard input (`… --password < file`);
 * - an environment variable (`CERTSCOPE_PASSWORD`, `CERTSCOPE_P12_PASSWORD`, `CERTSCOPE_PROXY_PASSWORD`).
 */
import { UsageError, type CliIo, type ParsedArgs } from './io';

export interface PasswordOption {
  /** The flag's name, without the dashes. */
  flag: string;
  /** The environment variable that may hold it. */
  env: string;
  /** What is asked for, e.g. "Password for PKCS#12 files and encrypted keys". */
  prompt: string;
}

export const passwordOptions = {
  files: {
    flag: 'password',
    env: 'CERTSCOPE_PASSWORD',
    prompt: 'Password for PKCS#12 files and encrypted keys',
  },
  clientP12: {
    flag: 'client-p12-password',
    env: 'CERTSCOPE_P12_PASSWORD',
    prompt: 'Password of the client PKCS#12 file',
  },
  proxy: { flag: 'proxy-password', env: 'CERTSCOPE_PROXY_PASSWORD', prompt: 'Proxy password' },
} satisfies Record<string, PasswordOption>;

/** The password the user gave for this option, however they gave it; undefined when none. */
export async function readPasswordOption(
  args: ParsedArgs,
  io: CliIo,
  option: PasswordOption,
): Promise<string | undefined> {
  const given = args.flags.get(option.flag);
  if (typeof given === 'string') {
    io.stderr(
      `certscope: note: --${option.flag} with a value is visible to other users of this machine; give --${option.flag} alone to be asked, or set ${option.env}\n`,
    );
    return given;
  }
  if (given === true) {
    if (!io.readSecret)
      throw new UsageError(`--${option.flag}: nothing to ask on; set ${option.env} instead`);
    return io.readSecret(`${option.prompt}: `);
  }
  return (io.env ?? process.env)[option.env];
}
