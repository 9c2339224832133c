// Asks Java for its verdict the way a Java HTTPS client gets it: a real TLS handshake through the
// default X509TrustManager (PKIX, trust store = the case's anchors only) with HTTPS endpoint
// identification on. One JVM for a batch: a tab-separated request per line on stdin
// (id, port, host, host kind, anchors PEM file), a tab-separated verdict per line on stdout
// (id, ACCEPT|REFUSE, reason, raw).
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

public final class TlsVerdict {
  public static void main(String[] args) throws Exception {
    BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream output = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    String line;
    while ((line = input.readLine()) != null) {
      if (line.isEmpty()) continue;
      String[] fields = line.split("\t", -1);
      String id = fields[0];
      try {
        handshake(Integer.parseInt(fields[1]), fields[2], fields[3], fields[4]);
        output.println(id + "\tACCEPT\tok\thandshake complete");
      } catch (Exception error) {
        output.println(id + "\tREFUSE\t" + clean(reason(error)) + "\t" + clean(causes(error)));
      }
    }
  }

  static void handshake(int port, String host, String hostKind, String anchorsFile) throws Exception {
    KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
    anchors.load(null, null);
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    try (InputStream in = new FileInputStream(anchorsFile)) {
      int index = 0;
      for (Certificate certificate : factory.generateCertificates(in)) {
        anchors.setCertificateEntry("anchor-" + index++, certificate);
      }
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(anchors);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);

    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      plain.setSoTimeout(10_000);
      // The socket is told the host name: that is what endpoint identification checks.
      try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true)) {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (hostKind.equals("dns")) {
          List<SNIServerName> names = new ArrayList<>();
          names.add(new SNIHostName(host));
          parameters.setServerNames(names);
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
      }
    }
  }

  /** The exception's class and message, and its innermost cause when that says more. */
  static String reason(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String top = error.getClass().getName() + ": " + error.getMessage();
    if (root == error || (root.getMessage() != null && top.contains(root.getMessage()))) return top;
    return top + " (cause: " + root.getClass().getName() + ": " + root.getMessage() + ")";
  }

  static String causes(Throwable error) {
    StringBuilder text = new StringBuilder();
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (text.length() > 0) text.append(" <- ");
      text.append(cause.getClass().getName()).append(": ").append(cause.getMessage());
      if (cause.getCause() == cause) break;
    }
    return text.toString();
  }

  static String clean(String text) {
    return text == null ? "" : text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }
}
