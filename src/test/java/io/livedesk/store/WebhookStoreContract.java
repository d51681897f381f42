package io.livedesk.store;

import static io.livedesk.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What every {@link WebhookStore} keeps: definitions with their secrets, and a cursor per show, across a reopening. */
public abstract class WebhookStoreContract {

  protected static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    await(vertx.close());
  }

  /** A store over the same place each time: a second call reads what the first one stored. */
  protected abstract WebhookStore open() throws Exception;

  private static WebhookRecord webhook(String id, long createdAt) {
    return new WebhookRecord(id, "https://shop.example/" + id, List.of("order.paid"), List.of(), "whsec_" + id, null,
        null, createdAt);
  }

  @Test
  @DisplayName("webhooks and their cursors are kept, replaced and deleted, and read again after reopening")
  void keeps() throws Exception {
    WebhookStore store = open();
    WebhookRecord first = webhook("wh_a" + System.nanoTime(), 1);
    WebhookRecord second = webhook("wh_b" + System.nanoTime(), 2);
    await(store.save(first));
    await(store.save(second));
    await(store.saveCursor(first.id(), "show-1", 10));
    await(store.saveCursor(first.id(), "show-1", 12));
    await(store.saveCursor(first.id(), "show-2", 3));
    WebhookRecord rotated = first.rotated("whsec_new", 99);
    await(store.save(rotated));

    WebhookStore again = open();
    assertThat(await(again.webhooks())).contains(rotated, second).doesNotContain(first);
    assertThat(await(again.cursors(first.id()))).isEqualTo(Map.of("show-1", 12L, "show-2", 3L));
    assertThat(await(again.cursors(second.id()))).isEmpty();

    await(again.delete(first.id()));
    assertThat(await(open().webhooks())).contains(second).doesNotContain(rotated);
    assertThat(await(open().cursors(first.id()))).isEmpty();
  }
}
