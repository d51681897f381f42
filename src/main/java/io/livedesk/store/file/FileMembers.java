package io.livedesk.store.file;

import io.livedesk.json.Json;
import io.livedesk.people.Member;
import io.livedesk.people.MemberStore;
import io.livedesk.people.StaffSession;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.ShowError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Members and their sessions in one file, {@code members.json} in the data directory: held in memory,
 * and written whole on each change (to a temporary file, fsynced, renamed over the old one) on a worker
 * of its own, so a crash leaves the old file or the new one. A change is seen only once it is written.
 */
public final class FileMembers implements MemberStore {

  static final String FILE = "members.json";

  /** The file's content. */
  record Content(List<Member> members, List<StaffSession> sessions) {}

  private final Path file;
  private final WorkerExecutor writer;
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final Map<String, StaffSession> sessions = new LinkedHashMap<>();

  private FileMembers(Vertx vertx, Path file) {
    this.file = file;
    this.writer = vertx.createSharedWorkerExecutor("livedesk-members", 1);
  }

  /** Reads the members file of {@code dataDir}, if there is one. */
  public static Future<FileMembers> open(Vertx vertx, Path dataDir) {
    FileMembers store = new FileMembers(vertx, dataDir.resolve(FILE));
    return store.writer.executeBlocking(() -> {
      if (Files.isRegularFile(store.file)) {
        Content content = Json.MAPPER.readValue(Files.readAllBytes(store.file), Content.class);
        synchronized (store) {
          content.members().forEach(m -> store.members.put(m.login(), m));
          content.sessions().forEach(s -> store.sessions.put(s.tokenHash(), s));
        }
      }
      return store;
    });
  }

  @Override
  public synchronized Future<List<Member>> members() {
    return Future.succeededFuture(members.values().stream().sorted(Comparator.comparing(Member::login)).toList());
  }

  @Override
  public synchronized Future<Member> member(String login) {
    return Future.succeededFuture(members.get(login));
  }

  @Override
  public Future<Boolean> addMember(Member member) {
    return change(() -> {
      if (members.containsKey(member.login())) {
        return false;
      }
      if (members.size() >= MAX_MEMBERS) {
        throw new ShowError(ErrorCode.CONFLICT, "there are already " + MAX_MEMBERS + " members");
      }
      Map<String, Member> next = new LinkedHashMap<>(members);
      next.put(member.login(), member);
      write(next, sessions);
      members.put(member.login(), member);
      return true;
    });
  }

  @Override
  public Future<Boolean> removeMember(String login) {
    return change(() -> {
      if (!members.containsKey(login)) {
        return false;
      }
      Map<String, Member> next = new LinkedHashMap<>(members);
      next.remove(login);
      Map<String, StaffSession> kept = withoutSessionsOf(login);
      write(next, kept);
      members.remove(login);
      replaceSessions(kept);
      return true;
    });
  }

  @Override
  public Future<Boolean> setPasswordHash(String login, String passwordHash) {
    return change(() -> {
      Member member = members.get(login);
      if (member == null) {
        return false;
      }
      Map<String, Member> next = new LinkedHashMap<>(members);
      next.put(login, member.withPasswordHash(passwordHash));
      Map<String, StaffSession> kept = withoutSessionsOf(login);
      write(next, kept);
      members.put(login, next.get(login));
      replaceSessions(kept);
      return true;
    });
  }

  @Override
  public Future<Void> addSession(StaffSession session, int maxPerMember) {
    return change(() -> {
      Map<String, StaffSession> next = new LinkedHashMap<>();
      List<StaffSession> own = new ArrayList<>();
      for (StaffSession kept : sessions.values()) {
        if (!kept.login().equals(session.login())) {
          next.put(kept.tokenHash(), kept);
        } else if (kept.expiresAt() > session.createdAt()) {
          own.add(kept);
        }
      }
      own.sort(Comparator.comparingLong(StaffSession::createdAt));
      own.subList(0, Math.max(0, own.size() - (maxPerMember - 1))).clear();
      own.forEach(kept -> next.put(kept.tokenHash(), kept));
      next.put(session.tokenHash(), session);
      write(members, next);
      replaceSessions(next);
      return null;
    });
  }

  @Override
  public synchronized Future<SignedIn> session(String tokenHash) {
    StaffSession session = sessions.get(tokenHash);
    Member member = session == null ? null : members.get(session.login());
    return Future.succeededFuture(member == null ? null : new SignedIn(session, member));
  }

  @Override
  public Future<Void> extendSession(String tokenHash, long expiresAt) {
    return change(() -> {
      StaffSession session = sessions.get(tokenHash);
      if (session != null) {
        Map<String, StaffSession> next = new LinkedHashMap<>(sessions);
        next.put(tokenHash, session.extendedTo(expiresAt));
        write(members, next);
        replaceSessions(next);
      }
      return null;
    });
  }

  @Override
  public Future<Void> removeSession(String tokenHash) {
    return change(() -> {
      if (sessions.containsKey(tokenHash)) {
        Map<String, StaffSession> next = new LinkedHashMap<>(sessions);
        next.remove(tokenHash);
        write(members, next);
        replaceSessions(next);
      }
      return null;
    });
  }

  /** Runs a change on the writer, one at a time, holding the store so readers see before or after it. */
  private <T> Future<T> change(Callable<T> work) {
    return writer.executeBlocking(() -> {
      synchronized (this) {
        return work.call();
      }
    }, true);
  }

  private Map<String, StaffSession> withoutSessionsOf(String login) {
    Map<String, StaffSession> kept = new LinkedHashMap<>(sessions);
    kept.values().removeIf(session -> session.login().equals(login));
    return kept;
  }

  private void replaceSessions(Map<String, StaffSession> next) {
    sessions.clear();
    sessions.putAll(next);
  }

  private void write(Map<String, Member> nextMembers, Map<String, StaffSession> nextSessions) throws IOException {
    byte[] bytes = Json.bytes(new Content(List.copyOf(nextMembers.values()), List.copyOf(nextSessions.values())));
    AtomicFiles.write(file, bytes);
  }
}
