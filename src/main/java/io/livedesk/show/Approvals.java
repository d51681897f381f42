package io.livedesk.show;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cuts of a show waiting for a second staff member (docs/protocol.md §Two-person rule), folded from
 * their events, and how the latest settled ones ended. Part of {@link ShowState}, owned by the same thread.
 */
public final class Approvals implements Serializable {

  /** Settled requests remembered by id, so that granting one again says why; older ones are unknown. */
  static final int REMEMBERED_SETTLED = 200;

  /** A request waiting, and when it was made. */
  public record Pending(Event.ApprovalRequested request, long requestedAt) implements Serializable {
    public String id() {
      return request.approvalId();
    }
  }

  private final Map<String, Pending> pending = new LinkedHashMap<>();
  private final LinkedHashMap<String, String> settled = new Settled();

  /** How the latest {@link #REMEMBERED_SETTLED} requests ended, by id, the oldest forgotten first. */
  private static final class Settled extends LinkedHashMap<String, String> {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > REMEMBERED_SETTLED;
    }
  }

  Approvals() {
  }

  Approvals copy() {
    Approvals copy = new Approvals();
    copy.pending.putAll(pending);
    copy.settled.putAll(settled);
    return copy;
  }

  static boolean folds(Event event) {
    return event instanceof Event.ApprovalRequested || event instanceof Event.ApprovalGranted
        || event instanceof Event.ApprovalDenied || event instanceof Event.ApprovalExpired;
  }

  void evolve(Event event, long ts) {
    if (event instanceof Event.ApprovalRequested e) {
      pending.put(e.approvalId(), new Pending(e, ts));
    } else if (event instanceof Event.ApprovalGranted e) {
      settle(e.approvalId(), "granted");
    } else if (event instanceof Event.ApprovalDenied e) {
      settle(e.approvalId(), "denied");
    } else if (event instanceof Event.ApprovalExpired e) {
      settle(e.approvalId(), "expired");
    }
  }

  private void settle(String approvalId, String how) {
    pending.remove(approvalId);
    settled.put(approvalId, how);
  }

  /** Waiting requests, oldest first. */
  public Collection<Pending> pending() {
    return Collections.unmodifiableCollection(pending.values());
  }

  public Pending pending(String approvalId) {
    return approvalId == null ? null : pending.get(approvalId);
  }

  /** granted, denied or expired for a recently settled request, else null. */
  public String settled(String approvalId) {
    return approvalId == null ? null : settled.get(approvalId);
  }

  /** Waiting requests whose time ran out by {@code now}. */
  List<Pending> expiredBy(long now) {
    List<Pending> due = new ArrayList<>();
    for (Pending waiting : pending.values()) {
      if (waiting.request().expiresAt() <= now) {
        due.add(waiting);
      }
    }
    return due;
  }

  long nextDeadline() {
    long next = Long.MAX_VALUE;
    for (Pending waiting : pending.values()) {
      next = Math.min(next, waiting.request().expiresAt());
    }
    return next;
  }
}
