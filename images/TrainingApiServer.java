import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The API server a service meets while images/train-cds.sh trains its AppCDS archive: HTTPS on
 * 127.0.0.1 with the certificate the script made, so that the training makes the TLS handshake and
 * the requests a pod makes to its cluster, and the archive holds the classes they load. It answers
 * {@code GET /version} as an API server does and every other request with a 404 Status.
 *
 * <pre>java TrainingApiServer.java PORT KEYSTORE.p12 PASSWORD</pre>
 *
 * Run by the build's own JDK as a single-file program; it uses nothing outside the JDK.
 */
public final class TrainingApiServer {
  private static final String VERSION =
      "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.0\",\"platform\":\"linux/amd64\"}";
  private static final String NOT_FOUND =
      "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\","
          + "\"code\":404}";

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    char[] password = args[2].toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(args[1])) {
      keys.load(in, password);
    }
    KeyManagerFactory managers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(keys, password);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(managers.getKeyManagers(), null, null);

    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", TrainingApiServer::answer);
    server.start();
    System.out.println("training API server on https://127.0.0.1:" + port);
  }

  private static void answer(HttpExchange exchange) throws IOException {
    boolean version = exchange.getRequestURI().getPath().equals("/version");
    byte[] body = (version ? VERSION : NOT_FOUND).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(version ? 200 : 404, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }
}
