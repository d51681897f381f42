package io.livedesk.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.engine.LiveShow;
import io.livedesk.engine.Reply;
import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.Permissions;
import io.livedesk.show.Request;
import io.livedesk.show.ShowError;
import io.livedesk.show.Vocabulary;
import io.vertx.core.Future;

/** The one command vocabulary behind every transport: REST and WebSocket both dispatch here. */
public final class CommandRouter {

  static final int MAX_KEY_LENGTH = 128;

  private final CommandParser parser;
  private final boolean hostCanCue;

  public CommandRouter(CommandParser parser, boolean hostCanCue) {
    this.parser = parser;
    this.hostCanCue = hostCanCue;
  }

  public Future<Reply> dispatch(LiveShow show, Actor actor, String cmd, JsonNode args, String key) {
    try {
      if (!CommandParser.isClientCommand(cmd)) {
        throw ShowError.invalid("unknown command " + cmd);
      }
      Permissions.check(actor.role() == Actor.Role.ADMIN ? Actor.Role.CONTROL : actor.role(),
          Vocabulary.COMMANDS.type(cmd), hostCanCue);
      if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
        throw ShowError.invalid("an idempotency key is 1 to " + MAX_KEY_LENGTH + " characters");
      }
      Command command = parser.parse(cmd, args);
      return show.execute(new Request(actor, command, key));
    } catch (ShowError error) {
      return Future.failedFuture(error);
    }
  }
}
