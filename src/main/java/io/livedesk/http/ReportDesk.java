package io.livedesk.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.engine.ShowReplica;
import io.livedesk.report.ShowReports;
import io.vertx.core.Future;
import java.util.List;
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

  /** Several shows' reports, in the order given: each show read on its own context, all built in one back-office job. */
  Future<List<ObjectNode>> reports(List<ShowReader> shows) {
    List<Future<ShowReports.Request>> reads = shows.stream().map(show -> show.read(reports::prepare)).toList();
    return Future.all(reads).compose(read -> backOffice.run(() ->
        reads.stream().map(request -> reports.report(request.result())).toList()));
  }
}
