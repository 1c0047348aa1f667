package io.cachefleet.discovery.consul;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.kiwiproject.consul.Consul;

/** Builds the Consul HTTP clients of a watch or a registration: agent address, ACL token, TLS trust. */
final class ConsulClients {

  private ConsulClients() {}

  /**
   * A client of {@code agent}, an {@code http://} or {@code https://} address.
   *
   * @param token the ACL token, or "" for none
   * @param caFile the PEM file of the CA that signed the agent's certificate, or "" to trust the
   *     JVM's default authorities
   * @param readTimeoutMillis how long a response may take
   * @throws IllegalArgumentException when the CA file cannot be read
   */
  static Consul build(String agent, String token, String caFile, long readTimeoutMillis) {
    Consul.Builder builder = Consul.builder().withUrl(agent).withPing(false).withReadTimeoutMillis(readTimeoutMillis);
    if (!token.isEmpty()) {
      builder.withAclToken(token);
    }
    if (!caFile.isEmpty()) {
      X509TrustManager trust = trusting(Path.of(caFile));
      try {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {trust}, null);
        builder.withSslContext(tls).withTrustManager(trust);
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("cannot set up TLS to the Consul agent: " + e.getMessage(), e);
      }
    }
    return builder.build();
  }

  /** A trust manager that trusts the certificates of the PEM file at {@code caFile}, and only those. */
  private static X509TrustManager trusting(Path caFile) {
    try (InputStream in = Files.newInputStream(caFile)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + n++, ca);
      }
      if (n == 0) {
        throw new IllegalArgumentException(caFile + " holds no certificate");
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalArgumentException("no X.509 trust manager for " + caFile);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read the CA file " + caFile + ": " + e.getMessage(), e);
    }
  }
}
