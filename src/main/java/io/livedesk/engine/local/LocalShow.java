package io.livedesk.engine.local;

import io.livedesk.engine.ReplicaShow;
import io.livedesk.engine.Reply;
import io.livedesk.engine.ShowReplica;
import io.livedesk.engine.ShowWriter;
import io.livedesk.show.Recorded;
import io.livedesk.show.Request;
import io.livedesk.store.EventStore;
import io.livedesk.store.ShowRecord;
import io.vertx.core.Future;
import java.util.List;

/** A show whose writer and replica both live in this process, on one context. */
record LocalShow(ShowRecord record, ShowWriter writer, ShowReplica replica, EventStore store) implements ReplicaShow {

  @Override
  public Future<Reply> execute(Request request) {
    return writer.execute(request);
  }

  @Override
  public Future<List<Recorded>> history(long afterSeq, int limit) {
    return store.read(record.id(), afterSeq, limit);
  }
}
