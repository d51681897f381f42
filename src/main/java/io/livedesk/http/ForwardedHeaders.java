package io.livedesk.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who a request comes from and which address it was sent to, believing {@code X-Forwarded-For},
 * {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} only from a connection whose peer is one of
 * {@code http.trustedProxies} (docs/protocol.md §Behind a reverse proxy). From anyone else those headers are
 * the client's own words and are ignored: a client could otherwise pick the address it is counted under
 * or the host the Origin check compares with.
 */
public final class ForwardedHeaders {

  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  /** A host as a Host header spells it: a name or an address, an optional port; nothing else. */
  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9.\\-]{1,253}(:\\d{1,5})?|\\[[0-9A-Fa-f:.]{2,45}\\](:\\d{1,5})?");
  private static final int MAX_HOPS = 32;

  /**
   * The request as the server sees it through trusted proxies.
   *
   * @param address the client's IP address
   * @param secure whether the client's own connection is HTTPS (or WSS)
   * @param host the host the client addressed (Host, or a trusted X-Forwarded-Host); null when none was sent
   */
  public record Client(String address, boolean secure, String host) {}

  private final Set<InetAddress> trusted = new LinkedHashSet<>();

  /** @param trustedProxies literal IP addresses, as {@link #isLiteral} accepts */
  public ForwardedHeaders(List<String> trustedProxies) {
    for (String proxy : trustedProxies) {
      InetAddress address = literal(proxy.strip());
      if (address == null) {
        throw new IllegalArgumentException("not an IP address: " + proxy);
      }
      trusted.add(address);
    }
  }

  /** An IPv4 or IPv6 address written out, never a name (which would need a resolver to compare). */
  public static boolean isLiteral(String text) {
    return literal(text) != null;
  }

  private static InetAddress literal(String text) {
    String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    if (!IPV4.matcher(bare).matches() && !(IPV6.matcher(bare).matches() && bare.length() <= 45)) {
      return null;
    }
    try {
      return InetAddress.getByName(bare); // a literal: parsed, never looked up
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /**
   * The client of a request or WebSocket handshake arriving from {@code peer} over a connection that is
   * {@code tls} or not.
   */
  public Client client(SocketAddress peer, MultiMap headers, boolean tls) {
    String peerAddress = peer == null || peer.hostAddress() == null ? "" : peer.hostAddress();
    String host = headers.get(HttpHeaders.HOST);
    if (!isTrusted(peerAddress)) {
      return new Client(peerAddress, tls, host);
    }
    String proto = first(headers.get("X-Forwarded-Proto"));
    boolean secure = proto == null ? tls : proto.toLowerCase(Locale.ROOT).equals("https");
    String forwardedHost = first(headers.get("X-Forwarded-Host"));
    if (forwardedHost != null && HOST.matcher(forwardedHost).matches()) {
      host = forwardedHost;
    }
    return new Client(forwardedFor(peerAddress, headers.getAll("X-Forwarded-For")), secure, host);
  }

  /**
   * The first address, from the right of the X-Forwarded-For chain, that is not a trusted proxy: each proxy
   * appends the peer it got the request from, so everything left of an untrusted hop may be made up.
   */
  private String forwardedFor(String peerAddress, List<String> values) {
    String client = peerAddress;
    int hops = 0;
    for (int v = values.size() - 1; v >= 0; v--) {
      String[] parts = values.get(v).split(",");
      for (int i = parts.length - 1; i >= 0; i--) {
        String hop = parts[i].strip();
        if (hop.isEmpty()) {
          continue;
        }
        if (++hops > MAX_HOPS || !isLiteral(hop)) {
          return client;
        }
        client = hop.startsWith("[") ? hop.substring(1, hop.length() - 1) : hop;
        if (!isTrusted(client)) {
          return client;
        }
      }
    }
    return client;
  }

  private boolean isTrusted(String address) {
    if (trusted.isEmpty() || address.isEmpty()) {
      return false;
    }
    InetAddress parsed = literal(address);
    return parsed != null && trusted.contains(parsed);
  }

  private static String first(String value) {
    if (value == null) {
      return null;
    }
    String first = value.split(",", 2)[0].strip();
    return first.isEmpty() ? null : first;
  }
}
