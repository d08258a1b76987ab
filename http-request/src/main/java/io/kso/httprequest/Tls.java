package io.kso.httprequest;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/** The TLS contexts other than the JDK default. */
final class Tls {
  private Tls() {}

  /**
   * For {@code -skip-ssl-verify}: trusts every certificate. Being an extended trust manager it also
   * replaces the host name check, which the JDK does inside the trust manager.
   */
  static SSLContext trustAll() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustAll()}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this JVM", e);
    }
  }

  /**
   * For plain {@code http://} requests: a context that refuses any TLS. {@link
   * java.net.http.HttpClient} otherwise builds the JDK default context (security providers, cipher
   * suites, the cacerts file) even when it never speaks TLS, which is a third of this tool's start
   * time. A redirect to {@code https://} fails instead of being followed.
   */
  static SSLContext refused() {
    return new SSLContext(new Refused(), null, "none") {};
  }

  private static final class Refused extends SSLContextSpi {
    private static IllegalStateException refuse() {
      return new IllegalStateException(
          new SSLException("an http:// request does not switch to https://"));
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
      throw refuse();
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      throw refuse();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      throw refuse();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      throw refuse();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      throw refuse();
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      throw refuse();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      throw refuse();
    }
  }

  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
