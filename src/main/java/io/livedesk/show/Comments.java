package io.livedesk.show;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A show's comments (docs/protocol.md §Comments), folded from their events. Bounded: the latest
 * {@link ShowRules#KEPT_COMMENTS} keep their text, every comment is counted, and repeated questions are
 * counted for at most {@link ShowRules#COUNTED_QUESTIONS} distinct texts. Part of {@link ShowState}, owned by
 * the same single thread.
 */
public final class Comments implements Serializable {

  /** One kept comment; {@code viewerId} is its author in clear. */
  public record Comment(String id, String viewerId, String text, boolean shadow, boolean hidden, long ts)
      implements Serializable {
    Comment hide() {
      return new Comment(id, viewerId, text, shadow, true, ts);
    }
  }

  /** A repeated question: the first wording seen and how often it was asked. */
  public record Question(String text, int count) implements Serializable {}

  private final LinkedHashMap<String, Comment> kept = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Comment> eldest) {
      return size() > ShowRules.KEPT_COMMENTS;
    }
  };
  private final Map<String, Long> lastPostedAt = new HashMap<>();
  private final Map<String, Long> mutedUntil = new HashMap<>();
  private final Set<String> blockedWords = new LinkedHashSet<>();
  private final Map<String, Question> questions = new HashMap<>();
  private long total;
  private long shadowed;
  private Comment pinned;

  Comments() {
  }

  Comments copy() {
    Comments copy = new Comments();
    copy.kept.putAll(kept);
    copy.lastPostedAt.putAll(lastPostedAt);
    copy.mutedUntil.putAll(mutedUntil);
    copy.blockedWords.addAll(blockedWords);
    copy.questions.putAll(questions);
    copy.total = total;
    copy.shadowed = shadowed;
    copy.pinned = pinned;
    return copy;
  }

  static boolean folds(Event event) {
    return event instanceof Event.CommentPosted || event instanceof Event.CommentHidden
        || event instanceof Event.CommentPinned || event instanceof Event.CommentUnpinned
        || event instanceof Event.ViewerMuted || event instanceof Event.WordsBlocked;
  }

  void evolve(Event event, long ts) {
    if (event instanceof Event.CommentPosted e) {
      boolean shadow = Boolean.TRUE.equals(e.shadow());
      kept.put(e.commentId(), new Comment(e.commentId(), e.author(), e.text(), shadow, false, ts));
      lastPostedAt.put(e.author(), ts);
      total++;
      if (shadow) {
        shadowed++;
      } else {
        count(e.text());
      }
    } else if (event instanceof Event.CommentHidden e) {
      kept.computeIfPresent(e.commentId(), (id, comment) -> comment.hide());
      if (pinned != null && pinned.id().equals(e.commentId())) {
        pinned = null;
      }
    } else if (event instanceof Event.CommentPinned e) {
      Comment comment = kept.get(e.commentId());
      pinned = comment != null ? comment : new Comment(e.commentId(), e.author(), e.text(), false, false, ts);
    } else if (event instanceof Event.CommentUnpinned) {
      pinned = null;
    } else if (event instanceof Event.ViewerMuted e) {
      mutedUntil.put(e.viewerId(), e.until());
    } else if (event instanceof Event.WordsBlocked e) {
      blockedWords.addAll(e.words());
    }
  }

  private void count(String text) {
    String key = CommentText.normalised(text);
    if (key.isEmpty()) {
      return;
    }
    Question known = questions.get(key);
    if (known != null) {
      questions.put(key, new Question(known.text(), known.count() + 1));
    } else if (questions.size() < ShowRules.COUNTED_QUESTIONS) {
      questions.put(key, new Question(text, 1));
    }
  }

  /** A kept comment by id; null when unknown or no longer kept. */
  public Comment comment(String commentId) {
    return kept.get(commentId);
  }

  /** The latest kept comments, oldest first, at most {@code limit}. */
  public List<Comment> latest(int limit) {
    List<Comment> all = new ArrayList<>(kept.values());
    return Collections.unmodifiableList(all.subList(Math.max(0, all.size() - limit), all.size()));
  }

  public Comment pinned() {
    return pinned;
  }

  /** Epoch milliseconds of the viewer's last comment; null when they have not commented. */
  public Long lastPostedAt(String viewerId) {
    return lastPostedAt.get(viewerId);
  }

  public boolean isMuted(String viewerId, long now) {
    Long until = mutedUntil.get(viewerId);
    return until != null && now < until;
  }

  /** The words this show blocked from the console, besides the configured ones. */
  public Set<String> blockedWords() {
    return Collections.unmodifiableSet(blockedWords);
  }

  /** Every comment, shadowed ones included. */
  public long total() {
    return total;
  }

  public long shadowed() {
    return shadowed;
  }

  /** Viewers who commented at least once. */
  public int commenters() {
    return lastPostedAt.size();
  }

  /** The most repeated visible comments, most asked first (ties: the earlier wording's text order). */
  public List<Question> topQuestions(int limit) {
    return questions.values().stream()
        .sorted(Comparator.comparingInt(Question::count).reversed().thenComparing(Question::text))
        .limit(limit).toList();
  }
}
