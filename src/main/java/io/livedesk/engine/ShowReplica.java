package io.livedesk.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.report.FigureViews;
import io.livedesk.report.ShowFigures;
import io.livedesk.show.LotteryAlgorithm;
import io.livedesk.show.Recorded;
import io.livedesk.show.ShowMeta;
import io.livedesk.show.ShowState;
import io.livedesk.show.ShowStatus;
import io.livedesk.vertx.EventLoops;
import io.livedesk.vertx.FrameWriter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A show as this node serves it to clients: the state of its durable events only, their figures, a
 * window of recent encoded events for resuming clients, and the fan-out to this node's sockets. It
 * lives on one context; every method but the constructor runs there.
 */
public final class ShowReplica {

  private static final Logger LOG = Logger.getLogger(ShowReplica.class.getName());

  /** Viewers get conflated figures at most this often. */
  static final long CONFLATE_MILLIS = 100;
  static final long TICK_MILLIS = 1000;

  /** A read of the show's state and figures, run on the replica's context. */
  public interface Query<T> {
    T apply(ShowState state, ShowFigures figures, long now);
  }

  private final Vertx vertx;
  private final Context context;
  private ShowState state;
  private ShowFigures figures = new ShowFigures();
  /** Writes the show's snapshots every so many events; null for none (docs/design.md §Snapshots). */
  private ShowSnapshotter snapshotter;
  private final LongSupplier clock;
  private final LotteryAlgorithm lottery;
  private final int window;
  private final long viewerTickMillis;
  private final FanoutMeters meters;
  /** What viewers were last told is online, and when: they hear again only of a change (docs/protocol.md §Viewer ticks). */
  private long viewersToldOnline = -1;
  private long viewersToldAt;
  private final ArrayDeque<WireFrames.Encoded> recent = new ArrayDeque<>();
  /** One hub per event loop: every connection has a context of its own, but they share a few loops. */
  private final Map<Object, Hub> hubs = new ConcurrentHashMap<>();
  private final LinkedHashMap<String, Frame> conflated = new LinkedHashMap<>();
  private int subscribers;
  private long conflateTimer = -1;
  /** Comments for viewers, sent in frames of their own by one timer for the show (docs/protocol.md §Comments). */
  private final CommentBatch comments = new CommentBatch();
  private long commentTimer = -1;
  private long tickTimer = -1;
  /** Once stopped, sockets closing on other loops no longer hop here: this loop may be gone. */
  private volatile boolean stopped;

  public ShowReplica(Vertx vertx, Context context, ShowMeta meta, LotteryAlgorithm lottery, Fanout fanout,
      LongSupplier clock) {
    this.vertx = vertx;
    this.context = context;
    this.state = new ShowState(meta, lottery);
    this.lottery = lottery;
    this.window = fanout.replayWindow();
    this.viewerTickMillis = fanout.viewerTickMillis();
    this.meters = fanout.meters();
    this.clock = clock;
  }

  public Context context() {
    return context;
  }

  public long seq() {
    return state.seq();
  }

  String showId() {
    return state.id();
  }

  LotteryAlgorithm lottery() {
    return lottery;
  }

  /** The nodes that hold viewers' sockets, as far as the durable events say. */
  public Set<String> presenceNodes() {
    return state.presence().nodes();
  }

  /**
   * Folds events replayed from the store on start; only those within the last {@code window} of
   * {@code lastSeq} are encoded, to let clients resume across a restart.
   */
  public void replay(List<Recorded> events, long lastSeq) {
    for (Recorded recorded : events) {
      state.evolve(recorded);
      figures.apply(recorded, state);
      if (recorded.seq() > lastSeq - window) {
        remember(WireFrames.encode(recorded, state));
      }
    }
  }

  /** A copy of the state of the durable events, for a writer to start from; on the replica's context. */
  public ShowState copyOfState() {
    return state.copy();
  }

  /** The fold itself, not a copy: only once {@link #stop} has run, for the snapshot of a clean stop. */
  public Snapshots.Folded stoppedFold() {
    if (!stopped) {
      throw new IllegalStateException("show " + state.id() + " is still folding events");
    }
    return new Snapshots.Folded(state, figures);
  }

  /** Starts from a snapshot's fold instead of an empty show, before any event is replayed. */
  public void restore(Snapshots.Folded folded) {
    if (state.seq() != 0) {
      throw new IllegalStateException("show " + state.id() + " has folded events already");
    }
    state = folded.state();
    figures = folded.figures();
  }

  /** Asks for a snapshot every so many events folded from now on (docs/design.md §Snapshots). */
  public void snapshotWith(ShowSnapshotter snapshotter) {
    this.snapshotter = snapshotter;
  }

  public ShowSnapshotter snapshotter() {
    return snapshotter;
  }

  /** Folds newly durable events and sends them to this node's subscribers. */
  public void apply(List<Recorded> events) {
    apply(events, null);
  }

  /**
   * Folds newly durable events, sends them to this node's subscribers and settles the answers to the
   * commands they hold: on each loop in the same task as the frames, after them.
   */
  public void apply(List<Recorded> events, Callers.Answers answers) {
    try {
      fold(events, answers);
    } finally {
      // the batch is durable: its answers go out even when folding or encoding it failed
      if (answers != null) {
        answers.settleRest();
      }
    }
    scheduleConflation();
    scheduleComments();
    if (snapshotter != null) {
      snapshotter.folded(state.seq());
    }
  }

  private void fold(List<Recorded> events, Callers.Answers answers) {
    List<Frame> staff = new ArrayList<>(events.size());
    List<Frame> pub = new ArrayList<>();
    Map<String, List<Frame>> owners = new HashMap<>();
    for (Recorded recorded : events) {
      state.evolve(recorded);
      figures.apply(recorded, state);
      WireFrames.Encoded encoded = WireFrames.encode(recorded, state);
      remember(encoded);
      staff.add(encoded.staff());
      if (CommentFrames.batch(comments, recorded.event(), encoded)) {
        continue;
      }
      if (encoded.owner() != null) {
        owners.computeIfAbsent(encoded.ownerId(), id -> new ArrayList<>()).add(encoded.owner());
      }
      if (encoded.pub() == null) {
        continue;
      }
      if (encoded.conflationKey() != null) {
        if (conflated.remove(encoded.conflationKey()) != null) {
          meters.conflated();
        }
        conflated.put(encoded.conflationKey(), encoded.pub());
      } else {
        // what was conflated comes first, so a viewer never sees a sold-out before the last stock
        pub.addAll(conflated.values());
        conflated.clear();
        pub.add(encoded.pub());
      }
    }
    if (subscribers > 0) {
      dispatch(staff, pub, owners, answers);
    }
  }

  private void scheduleComments() {
    if (comments.isEmpty() || commentTimer >= 0) {
      return;
    }
    commentTimer = vertx.setTimer(CommentBatch.FRAME_MILLIS, id -> {
      commentTimer = -1;
      Frame frame = comments.take();
      if (frame != null && subscribers > 0) {
        dispatch(List.of(), List.of(frame), Map.of(), null);
      }
      scheduleComments();
    });
  }

  private void remember(WireFrames.Encoded encoded) {
    recent.addLast(encoded);
    while (recent.size() > window) {
      recent.removeFirst();
    }
  }

  private void scheduleConflation() {
    if (conflated.isEmpty() || conflateTimer >= 0) {
      return;
    }
    conflateTimer = vertx.setTimer(CONFLATE_MILLIS, id -> {
      conflateTimer = -1;
      if (!conflated.isEmpty()) {
        List<Frame> pub = new ArrayList<>(conflated.values());
        conflated.clear();
        dispatch(List.of(), pub, Map.of(), null);
      }
    });
  }

  /** How many subscribers follow the show on this node now; on the replica's context. */
  public int subscribers() {
    return subscribers;
  }

  /** Starts the once-a-second tick of figures. */
  public void startTicks() {
    if (tickTimer < 0) {
      tickTimer = vertx.setPeriodic(TICK_MILLIS, id -> tick());
    }
  }

  public void stop() {
    stopped = true;
    if (tickTimer >= 0) {
      vertx.cancelTimer(tickTimer);
      tickTimer = -1;
    }
    if (conflateTimer >= 0) {
      vertx.cancelTimer(conflateTimer);
      conflateTimer = -1;
    }
    if (commentTimer >= 0) {
      vertx.cancelTimer(commentTimer);
      commentTimer = -1;
    }
  }

  private void tick() {
    if (subscribers == 0 || state.status() == ShowStatus.DRAFT) {
      return;
    }
    long now = clock.getAsLong();
    Frame staffTick = WireFrames.tick(FigureViews.live(state, figures, now), now);
    Frame publicTick = viewerTick(now);
    for (Hub hub : hubs.values()) {
      hub.context.runOnContext(v -> hub.tick(staffTick, publicTick));
    }
  }

  /** The online count for viewers when it changed and they have not been told for a while, else null. */
  private Frame viewerTick(long now) {
    long online = state.presence().online();
    if (online == viewersToldOnline || now - viewersToldAt < viewerTickMillis) {
      return null;
    }
    viewersToldOnline = online;
    viewersToldAt = now;
    ObjectNode figures = Json.object();
    figures.put("online", online);
    return WireFrames.tick(figures, now);
  }

  /** Hands frames to each loop's hub; the answers of callers on a hub's loop go in the same task. */
  private void dispatch(List<Frame> staff, List<Frame> pub, Map<String, List<Frame>> owners,
      Callers.Answers answers) {
    if (staff.isEmpty() && pub.isEmpty() && owners.isEmpty()) {
      return;
    }
    hubs.forEach((loop, hub) -> {
      List<Callers.Settlement> answersHere = answers == null ? null : answers.take(loop);
      // always through the loop's queue, behind any subscriber's welcome queued before these frames
      hub.context.runOnContext(v -> hub.deliver(staff, pub, owners, answersHere));
    });
  }

  /**
   * Registers a subscriber and hands it its welcome as the first frame: the missed events when {@code after}
   * is within the window, else a snapshot. Nothing between the welcome and the live events is lost or doubled.
   */
  public Future<Void> subscribe(Subscriber subscriber, Long after) {
    Promise<Void> registered = Promise.promise();
    Context caller = Vertx.currentContext();
    context.runOnContext(v -> {
      Frame welcome = welcome(subscriber, after);
      Hub hub = hubs.computeIfAbsent(EventLoops.loopOf(subscriber.context()), loop -> new Hub(subscriber.context()));
      subscribers++;
      hub.context.runOnContext(w -> {
        hub.add(subscriber);
        subscriber.deliver(List.of(welcome));
        Callers.complete(caller, registered, null);
      });
    });
    return registered.future();
  }

  /** Called once the subscription has completed, when the subscriber's connection closes. */
  public void unsubscribe(Subscriber subscriber) {
    Context subscriberContext = subscriber.context();
    subscriberContext.runOnContext(v -> {
      Hub hub = hubs.get(EventLoops.loopOf(subscriberContext));
      if (hub != null && hub.remove(subscriber) && !stopped) {
        context.runOnContext(w -> subscribers--);
      }
    });
  }

  private Frame welcome(Subscriber subscriber, Long after) {
    long now = clock.getAsLong();
    long seq = state.seq();
    StringBuilder head = new StringBuilder(64).append("{\"type\":\"welcome\",\"seq\":").append(seq)
        .append(",\"serverTime\":").append(now);
    if (after != null && canReplay(after)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(head.append(",\"replay\":[").toString().getBytes(StandardCharsets.UTF_8));
      boolean first = true;
      for (Frame frame : missed(subscriber, after)) {
        if (!first) {
          out.write(',');
        }
        first = false;
        out.writeBytes(frame.forViewer(subscriber.viewerId()).json());
      }
      out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
      return Frame.of(out.toByteArray(), false);
    }
    ObjectNode snapshot = WireFrames.snapshot(state, figures, subscriber.audience(), subscriber.viewerId(), now);
    head.append(",\"snapshot\":").append(Json.text(snapshot)).append('}');
    return Frame.of(head.toString(), false);
  }

  private boolean canReplay(long after) {
    if (after == state.seq()) {
      return true;
    }
    if (after > state.seq() || recent.isEmpty()) {
      return false;
    }
    return recent.peekFirst().seq() <= after + 1;
  }

  /** The frames a subscriber missed after {@code after}; conflated figures only in their latest value. */
  private List<Frame> missed(Subscriber subscriber, long after) {
    List<Frame> out = new ArrayList<>();
    boolean staff = subscriber.audience() == Audience.STAFF;
    LinkedHashMap<String, Integer> lastByKey = new LinkedHashMap<>();
    List<WireFrames.Encoded> span = new ArrayList<>();
    Iterator<WireFrames.Encoded> it = recent.descendingIterator();
    while (it.hasNext()) {
      WireFrames.Encoded encoded = it.next();
      if (encoded.seq() <= after) {
        break;
      }
      span.add(encoded);
    }
    java.util.Collections.reverse(span);
    for (int i = 0; i < span.size(); i++) {
      if (span.get(i).conflationKey() != null) {
        lastByKey.put(span.get(i).conflationKey(), i);
      }
    }
    for (int i = 0; i < span.size(); i++) {
      WireFrames.Encoded encoded = span.get(i);
      if (staff) {
        out.add(encoded.staff());
        continue;
      }
      if (encoded.owner() != null && encoded.ownerId().equals(subscriber.viewerId())) {
        out.add(encoded.owner());
      }
      if (encoded.pub() != null
          && (encoded.conflationKey() == null || lastByKey.get(encoded.conflationKey()) == i)) {
        out.add(encoded.pub());
      }
    }
    return out;
  }

  /** Runs a read on the replica's context and answers on the caller's. */
  public <T> Future<T> query(Query<T> query) {
    Promise<T> promise = Promise.promise();
    Context caller = Vertx.currentContext();
    context.runOnContext(v -> {
      T value;
      try {
        value = query.apply(state, figures, clock.getAsLong());
      } catch (RuntimeException e) {
        Callers.fail(caller, promise, e);
        return;
      }
      Callers.complete(caller, promise, value);
    });
    return promise.future();
  }

  /** The subscribers of one event loop; touched only on that loop, through the context it was made on. */
  private static final class Hub {
    final Context context;
    final List<Subscriber> staff = new ArrayList<>();
    final List<Subscriber> viewers = new ArrayList<>();
    final Map<String, List<Subscriber>> byViewer = new HashMap<>();

    Hub(Context context) {
      this.context = context;
    }

    void add(Subscriber subscriber) {
      if (subscriber.audience() == Audience.STAFF) {
        staff.add(subscriber);
      } else {
        viewers.add(subscriber);
        byViewer.computeIfAbsent(subscriber.viewerId(), id -> new ArrayList<>(1)).add(subscriber);
      }
    }

    boolean remove(Subscriber subscriber) {
      if (subscriber.audience() == Audience.STAFF) {
        return staff.remove(subscriber);
      }
      List<Subscriber> own = byViewer.get(subscriber.viewerId());
      if (own != null) {
        own.remove(subscriber);
        if (own.isEmpty()) {
          byViewer.remove(subscriber.viewerId());
        }
      }
      return viewers.remove(subscriber);
    }

    /**
     * Staff and the crowd first, each socket flushed as soon as it is written (a cue must not wait behind
     * anything); then the viewers with frames of their own, their public frames before them, and the
     * answers to this loop's callers, each of those sockets flushed once when all are written.
     */
    void deliver(List<Frame> staffFrames, List<Frame> pubFrames, Map<String, List<Frame>> owners,
        List<Callers.Settlement> answers) {
      if (!staffFrames.isEmpty()) {
        for (Subscriber subscriber : staff) {
          hand(subscriber, staffFrames);
        }
      }
      if (!pubFrames.isEmpty()) {
        for (Subscriber subscriber : viewers) {
          if (owners.isEmpty() || !owners.containsKey(subscriber.viewerId())) {
            hand(subscriber, pubFrames);
          }
        }
      }
      if (owners.isEmpty() && answers == null) {
        return;
      }
      FrameWriter.holdingFlushes(() -> {
        owners.forEach((viewerId, frames) -> {
          List<Subscriber> own = byViewer.get(viewerId);
          if (own != null) {
            for (Subscriber subscriber : own) {
              if (!pubFrames.isEmpty()) {
                hand(subscriber, pubFrames);
              }
              hand(subscriber, frames);
            }
          }
        });
        if (answers != null) {
          Callers.settleHere(answers);
        }
      });
    }

    /** Staff get every tick; viewers only one that says something new ({@code publicTick} not null). */
    void tick(Frame staffTick, Frame publicTick) {
      List<Frame> staffFrames = List.of(staffTick);
      staff.forEach(subscriber -> hand(subscriber, staffFrames));
      if (publicTick != null) {
        List<Frame> pubFrames = List.of(publicTick);
        viewers.forEach(subscriber -> hand(subscriber, pubFrames));
      }
    }

    /** One subscriber failing to take frames must not keep them from the ones after it. */
    private static void hand(Subscriber subscriber, List<Frame> frames) {
      try {
        subscriber.deliver(frames);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a subscriber failed to take " + frames.size() + " frames", e);
      }
    }
  }
}
