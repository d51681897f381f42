package io.livedesk.engine;

import io.livedesk.show.Recorded;
import io.livedesk.show.Request;
import io.livedesk.store.ShowRecord;
import io.vertx.core.Future;
import java.util.List;

/** One show as a transport sees it: send commands, follow its events, read its state. */
public interface LiveShow {

  ShowRecord record();

  /** Decides the command in the show's single writer; succeeds once its events are durable. */
  Future<Reply> execute(Request request);

  /** Registers the subscriber; its first frame is the welcome (replay after {@code after}, or a snapshot). */
  Future<Void> subscribe(Subscriber subscriber, Long after);

  /** Forgets a subscriber whose subscription completed. */
  void unsubscribe(Subscriber subscriber);

  <T> Future<T> query(ShowReplica.Query<T> query);

  /** The durable history (the audit), in seq order. */
  Future<List<Recorded>> history(long afterSeq, int limit);
}
