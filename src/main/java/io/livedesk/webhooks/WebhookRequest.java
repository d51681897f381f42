package io.livedesk.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.show.ShowError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** A webhook as asked for, every field checked (docs/protocol.md §Webhooks). */
record WebhookRequest(String url, List<String> kinds, List<String> shows) {

  static final int MAX_URL = 2048;
  static final int MAX_SHOWS = 100;
  private static final Pattern SHOW_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  static WebhookRequest parse(JsonNode body) {
    JsonNode url = body.get("url");
    if (url == null || !url.isTextual() || url.asText().isBlank() || url.asText().length() > MAX_URL) {
      throw ShowError.invalid("url is required: an http or https address of at most " + MAX_URL + " characters");
    }
    String address = url.asText().strip();
    try {
      URI uri = new URI(address);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw ShowError.invalid("url must be an http or https address with a host");
      }
    } catch (URISyntaxException e) {
      throw ShowError.invalid("url is not an address: " + e.getReason());
    }
    List<String> kinds = texts(body, "kinds", WebhookBatch.deliverableKinds().size() + 1);
    if (kinds.isEmpty()) {
      throw ShowError.invalid("kinds must name at least one event kind, or be [\"*\"]");
    }
    List<String> known = WebhookBatch.deliverableKinds();
    for (String kind : kinds) {
      if (!kind.equals("*") && !known.contains(kind)) {
        throw ShowError.invalid("kinds: " + kind + " is not an event kind a webhook can get");
      }
    }
    List<String> shows = body.hasNonNull("shows") ? texts(body, "shows", MAX_SHOWS) : List.of();
    for (String show : shows) {
      if (!SHOW_ID.matcher(show).matches()) {
        throw ShowError.invalid("shows: " + show + " is not a show id");
      }
    }
    return new WebhookRequest(address, kinds, shows);
  }

  private static List<String> texts(JsonNode body, String field, int max) {
    JsonNode node = body.get(field);
    if (node == null || !node.isArray() || node.size() > max) {
      throw ShowError.invalid(field + " must be a list of at most " + max + " texts");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode entry : node) {
      if (!entry.isTextual()) {
        throw ShowError.invalid(field + " must hold texts only");
      }
      if (!out.contains(entry.asText())) {
        out.add(entry.asText());
      }
    }
    return out;
  }
}
