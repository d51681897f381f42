package io.livedesk.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.engine.ShowReplica;
import io.livedesk.report.ShowReports;
import io.vertx.core.Future;
import java.util.function.Function;

/**
 * Report requests (docs/protocol.md §Limits that protect the show): the show's context only copies what the
 * report reads; building the report and encoding it happen in the back office, so a long show's review never
 * holds up its event loop.
 */
final class ReportDesk {

  /** Reads the show on its own context: a show's {@code query}. */
  interface ShowReader {
    Future<ShowReports.Request> read(ShowReplica.Query<ShowReports.Request> query);
  }

  private final BackOffice backOffice;
  private final ShowReports reports;

  ReportDesk(BackOffice backOffice, ShowReports reports) {
    this.backOffice = backOffice;
    this.reports = reports;
  }

  /** The show's report, made by {@code encode} into a response body; completes on the caller's context. */
  <T> Future<T> report(ShowReader show, Function<ObjectNode, T> encode) {
    return show.read(reports::prepare).compose(request -> backOffice.run(() -> encode.apply(reports.report(request))));
  }
}
