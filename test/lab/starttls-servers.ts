/**
 * Protocol-faithful STARTTLS fakes for the lab: each speaks the plaintext part of its protocol
 * (greeting, capability, the upgrade command) the way real servers do, then switches the same
 * socket to TLS and presents `chain` exactly as given.
 */
import { createServer, type Socket } from 'node:net';
import { createSecureContext, TLSSocket } from 'node:tls';
import type { LabCert, LabServer } from '../../src-main/services/lab';

export type StarttlsFakeProtocol = 'smtp' | 'imap' | 'pop3' | 'ftp' | 'xmpp' | 'ldap' | 'postgres';

export interface StarttlsFakeOptions {
  chain: LabCert[];
  /** Refuse the upgrade (to test the error path). */
  refuse?: boolean;
}

type Dialogue = (socket: Socket, refuse: boolean) => Promise<boolean>;

/** Reads until `pattern` appears in what the client sent. */
function waitFor(socket: Socket, pattern: RegExp | ((buffer: Buffer) => boolean)): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const done = typeof pattern === 'function' ? pattern(buffer) : pattern.test(buffer.toString('latin1'));
      if (done) {
        socket.off('data', onData);
        socket.pause();
        resolve(buffer);
      }
    };
    socket.on('data', onData);
    socket.resume();
    socket.once('close', () => reject(new Error('client went away')));
  });
}

const dialogues: Record<StarttlsFakeProtocol, Dialogue> = {
  smtp: async (socket, refuse) => {
    socket.write('220 mail.lab.test ESMTP Certscope-Lab\r\n');
    await waitFor(socket, /^EHLO [^\r]*\r\n/i);
    socket.write(
      `250-mail.lab.test greets you\r\n250-SIZE 10240000\r\n${refuse ? '' : '250-STARTTLS\r\n'}250 HELP\r\n`,
    );
    if (refuse) return false;
    await waitFor(socket, /^STARTTLS\r\n/i);
    socket.write('220 2.0.0 Ready to start TLS\r\n');
    return true;
  },
  imap: async (socket, refuse) => {
    socket.write('* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] Certscope-Lab ready\r\n');
    const command = (await waitFor(socket, /\r\n/)).toString('latin1');
    const tag = command.split(' ')[0];
    if (refuse) {
      socket.write(`${tag} BAD STARTTLS not available\r\n`);
      return false;
    }
    socket.write(`${tag} OK Begin TLS negotiation now\r\n`);
    return true;
  },
  pop3: async (socket, refuse) => {
    socket.write('+OK Certscope-Lab POP3 ready\r\n');
    await waitFor(socket, /^STLS\r\n/i);
    if (refuse) {
      socket.write('-ERR STLS not supported\r\n');
      return false;
    }
    socket.write('+OK Begin TLS negotiation\r\n');
    return true;
  },
  ftp: async (socket, refuse) => {
    socket.write('220-Welcome to the lab\r\n220 Certscope-Lab FTP ready\r\n');
    await waitFor(socket, /^AUTH TLS\r\n/i);
    if (refuse) {
      socket.write('534 Policy requires plaintext\r\n');
      return false;
    }
    socket.write('234 AUTH TLS successful\r\n');
    return true;
  },
  xmpp: async (socket, refuse) => {
    await waitFor(socket, /<stream:stream[^>]*>/);
    socket.write(
      "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='lab' from='lab.test' version='1.0'>" +
        `<stream:features>${refuse ? '' : "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"}<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>`,
    );
    if (refuse) return false;
    await waitFor(socket, /<starttls[^>]*\/>/);
    socket.write("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    return true;
  },
  ldap: async (socket, refuse) => {
    // ExtendedRequest for StartTLS (OID 1.3.6.1.4.1.1466.20037), any message id.
    const request = await waitFor(socket, (buffer) => buffer.length >= 2 && buffer.length >= 2 + buffer[1]);
    if (!request.includes(Buffer.from('1.3.6.1.4.1.1466.20037'))) return false;
    const messageId = request[4];
    // ExtendedResponse: resultCode success (0) or unavailable (52), empty matchedDN and diagnostic.
    const resultCode = refuse ? 52 : 0;
    const body = Buffer.from([0x0a, 0x01, resultCode, 0x04, 0x00, 0x04, 0x00]);
    const response = Buffer.concat([Buffer.from([0x78, body.length]), body]);
    const message = Buffer.concat([Buffer.from([0x02, 0x01, messageId]), response]);
    socket.write(Buffer.concat([Buffer.from([0x30, message.length]), message]));
    return !refuse;
  },
  postgres: async (socket, refuse) => {
    const request = await waitFor(socket, (buffer) => buffer.length >= 8);
    if (request.readUInt32BE(4) !== 80877103) return false;
    socket.write(refuse ? 'N' : 'S');
    return !refuse;
  },
};

export async function startStarttlsServer(
  protocol: StarttlsFakeProtocol,
  options: StarttlsFakeOptions,
): Promise<LabServer> {
  const context = createSecureContext({
    cert: options.chain.map((certificate) => certificate.pem).join(''),
    key: options.chain[0].key.pkcs8Pem,
  });
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    dialogues[protocol](socket, options.refuse ?? false).then(
      (upgrade) => {
        if (!upgrade) return;
        const secure = new TLSSocket(socket, { isServer: true, secureContext: context });
        secure.on('error', () => undefined);
        socket.resume();
      },
      () => socket.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    host: '127.0.0.1',
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}
