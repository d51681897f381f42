package io.livedesk.store.postgres;

import java.util.regex.Pattern;

/** Connection strings as logs and error messages may show them: with any password masked. */
public final class ConnectionString {

  private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(://[^/:@]*):[^/@]*@");
  private static final Pattern QUERY_PASSWORD = Pattern.compile("([?&]password=)[^&]*", Pattern.CASE_INSENSITIVE);

  private ConnectionString() {
  }

  /** {@code postgresql://user:secret@host/db?password=x} becomes {@code postgresql://user:***@host/db?password=***}. */
  public static String masked(String uri) {
    if (uri == null) {
      return null;
    }
    String masked = USER_INFO_PASSWORD.matcher(uri).replaceAll("$1:***@");
    return QUERY_PASSWORD.matcher(masked).replaceAll("$1***");
  }
}
