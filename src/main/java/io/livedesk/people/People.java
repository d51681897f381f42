package io.livedesk.people;

import io.livedesk.show.Actor;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.ShowError;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Staff accounts and their sessions (docs/protocol.md §People): members added by the admin, signing in with a
 * password, holding a random 256-bit session token of which only the SHA-256 is kept. Sessions slide: each
 * use moves the expiry to {@code sessionMillis} from then (written to the store only when it moved by a
 * twelfth of that, so a busy console does not write on every request).
 */
public final class People {

  /** Logins: lower-case letters, digits and . _ -, 2 to 32 of them. */
  private static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9._-]{1,31}");
  /** The ids show tokens act under: a member may not take one, or history could not tell them apart. */
  private static final Set<String> RESERVED = Set.of("admin", "control", "prompter", "system", "payment");
  public static final int MIN_PASSWORD = 10;
  public static final int MAX_PASSWORD = 256;
  public static final int MAX_NAME = 64;

  /**
   * @param sessionMillis how long a session lasts unused
   * @param sessionsPerMember the most sessions a member holds at once, the oldest ended beyond it
   * @param failuresPerLogin failed sign-ins of one login in the window before it is refused
   * @param failuresPerAddress failed sign-ins from one address in the window before it is refused
   */
  public record Settings(long sessionMillis, int sessionsPerMember, int failuresPerLogin, int failuresPerAddress,
      long lockoutWindowMillis) {}

  /** How session tokens are made (256 random bits) and kept (their SHA-256): the staff tokens' own way. */
  public record TokenScheme(Supplier<String> fresh, UnaryOperator<String> hash) {}

  /** A successful sign-in: the session token (shown this once) and who it is. */
  public record SignIn(String token, Member member) {}

  private final MemberStore store;
  private final PasswordHashing passwords;
  private final LoginGuard guard;
  private final Settings settings;
  private final LongSupplier clock;
  private final TokenScheme tokens;

  public People(MemberStore store, PasswordHashing passwords, Settings settings, LongSupplier clock,
      TokenScheme tokens) {
    this.tokens = tokens;
    this.store = store;
    this.passwords = passwords;
    this.settings = settings;
    this.clock = clock;
    this.guard = new LoginGuard(settings.failuresPerLogin(), settings.failuresPerAddress(),
        settings.lockoutWindowMillis(), clock);
  }

  public Future<List<Member>> members() {
    return store.members();
  }

  public Future<Member> add(String login, String name, String password, String role) {
    String validLogin = validLogin(login);
    String validName = validName(name);
    validPassword(password);
    Member.Role validRole = Member.Role.fromWire(role);
    if (validRole == null) {
      throw ShowError.invalid("role must be admin, control, host or analyst");
    }
    return passwords.hash(password).compose(hash -> {
      Member member = new Member(validLogin, validName, validRole, hash, clock.getAsLong());
      return store.addMember(member).map(added -> {
        if (!added) {
          throw new ShowError(ErrorCode.CONFLICT, "login " + validLogin + " is taken");
        }
        return member;
      });
    });
  }

  public Future<Void> remove(String login) {
    return store.removeMember(login).map(removed -> {
      if (!removed) {
        throw ShowError.notFound("no member " + login);
      }
      return null;
    });
  }

  /** Sets a new password; the member's sessions end, so whoever had it is signed out. */
  public Future<Void> resetPassword(String login, String password) {
    validPassword(password);
    return store.member(login).compose(member -> {
      if (member == null) {
        throw ShowError.notFound("no member " + login);
      }
      return passwords.hash(password);
    }).compose(hash -> store.setPasswordHash(login, hash)).map(set -> {
      if (!set) {
        throw ShowError.notFound("no member " + login);
      }
      return null;
    });
  }

  /**
   * Checks a password and opens a session. A login or address over its failures is refused RATE_LIMITED
   * before hashing; an unknown login is hashed against a dummy so its answer takes as long as a known one's.
   */
  public Future<SignIn> signIn(String login, String password, String address) {
    if (login == null || password == null || login.length() > 64 || password.length() > MAX_PASSWORD) {
      throw ShowError.invalid("login and password are required (a password is at most " + MAX_PASSWORD + " characters)");
    }
    String key = login.strip().toLowerCase(java.util.Locale.ROOT);
    if (guard.locked(key, address)) {
      return Future.failedFuture(new ShowError(ErrorCode.RATE_LIMITED,
          "too many failed sign-ins; try again in " + settings.lockoutWindowMillis() / 60_000 + " minutes"));
    }
    return store.member(key).compose(member -> passwords.verify(password, member == null ? null : member.passwordHash())
        .compose(good -> {
          if (!good) {
            guard.failed(key, address);
            throw new ShowError(ErrorCode.UNAUTHORIZED, "the login or the password is wrong");
          }
          guard.succeeded(key);
          String token = tokens.fresh().get();
          long now = clock.getAsLong();
          StaffSession session = new StaffSession(tokens.hash().apply(token), member.login(), now, now + settings.sessionMillis());
          return store.addSession(session, settings.sessionsPerMember()).map(v -> new SignIn(token, member));
        }));
  }

  public Future<Void> signOut(String token) {
    return token == null ? Future.succeededFuture() : store.removeSession(tokens.hash().apply(token));
  }

  /** The member a session token stands for, its expiry moved on; null when it is none or has expired. */
  public Future<Member> member(String token) {
    if (token == null || token.length() > 100) {
      return Future.succeededFuture();
    }
    String tokenHash = tokens.hash().apply(token);
    return store.session(tokenHash).compose(found -> {
      if (found == null) {
        return Future.succeededFuture();
      }
      long now = clock.getAsLong();
      if (found.session().expiresAt() <= now) {
        return store.removeSession(tokenHash).map(v -> (Member) null);
      }
      long expiry = now + settings.sessionMillis();
      if (expiry - found.session().expiresAt() >= settings.sessionMillis() / 12) {
        return store.extendSession(tokenHash, expiry).map(v -> found.member());
      }
      return Future.succeededFuture(found.member());
    });
  }

  /** The actor a session token acts as, or null. */
  public Future<Actor> actor(String token) {
    return member(token).map(member -> member == null ? null : member.actor());
  }

  private static String validLogin(String login) {
    if (login == null || !LOGIN.matcher(login).matches()) {
      throw ShowError.invalid("login must be 2 to 32 lower-case letters, digits or . _ -, starting with a letter or digit");
    }
    if (RESERVED.contains(login)) {
      throw ShowError.invalid("login " + login + " is reserved");
    }
    return login;
  }

  private static String validName(String name) {
    String stripped = name == null ? "" : name.strip();
    if (stripped.isEmpty() || stripped.length() > MAX_NAME || stripped.chars().anyMatch(Character::isISOControl)) {
      throw ShowError.invalid("name is required: 1 to " + MAX_NAME + " characters, no control characters");
    }
    return stripped;
  }

  private static void validPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
      throw ShowError.invalid("password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
    }
  }
}
