package io.livedesk.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.show.CommentText;
import io.livedesk.show.Comments;
import io.livedesk.show.Event;
import io.livedesk.show.ShowRules;
import io.livedesk.show.ShowState;

/**
 * Comments on the wire (docs/protocol.md §Comments): staff see every comment with its author's id; viewers
 * see the ones not shadowed with the author masked, and the author sees their own shadowed ones.
 */
final class CommentFrames {

  /** Comments a viewer's snapshot carries: the latest, oldest first. */
  static final int SNAPSHOT_COMMENTS = 50;

  private CommentFrames() {
  }

  /** Whether viewers see the event, given they see it as {@link #publicData} makes it. */
  static boolean isPublic(Event event) {
    if (event instanceof Event.CommentPosted e) {
      return !Boolean.TRUE.equals(e.shadow());
    }
    return event instanceof Event.CommentHidden || event instanceof Event.CommentPinned
        || event instanceof Event.CommentUnpinned || event instanceof Event.CommentReplied;
  }

  /** The author of a shadowed comment: the one viewer who sees it. */
  static String shadowAuthor(Event event) {
    return event instanceof Event.CommentPosted e && Boolean.TRUE.equals(e.shadow()) ? e.author() : null;
  }

  /**
   * Hands a comment event's viewer frames to the batch instead of to viewers one by one; false for events
   * that are not sent in batches (staff get every event as it comes).
   */
  static boolean batch(CommentBatch batch, Event event, WireFrames.Encoded encoded) {
    if (event instanceof Event.CommentPosted e) {
      byte[] shared = encoded.pub() == null ? null : encoded.pub().json();
      batch.posted(shared, e.author(), shared != null ? shared : encoded.owner().json());
      return true;
    }
    if (isPublic(event)) {
      batch.always(encoded.pub().json());
      return true;
    }
    return false;
  }

  /** What viewers see of a public comment event's data: the author masked. */
  static ObjectNode publicData(Event event, ObjectNode data) {
    if (event instanceof Event.CommentPosted e) {
      return masked(data, e.author());
    } else if (event instanceof Event.CommentPinned e) {
      return masked(data, e.author());
    }
    return data;
  }

  private static ObjectNode masked(ObjectNode data, String author) {
    ObjectNode copy = data.deepCopy();
    copy.put("author", CommentText.masked(author));
    return copy;
  }

  /**
   * The latest comments and the pinned one: staff get every kept comment's author and shadow; a viewer gets
   * the visible ones masked, and their own shadowed ones.
   */
  static void snapshot(ObjectNode node, ShowState state, boolean staff, String viewerId) {
    Comments comments = state.comments();
    ArrayNode latest = Json.array();
    for (Comments.Comment comment : comments.latest(ShowRules.KEPT_COMMENTS)) {
      if (staff || (!comment.hidden() && (!comment.shadow() || comment.viewerId().equals(viewerId)))) {
        latest.add(comment(comment, staff || comment.viewerId().equals(viewerId)));
      }
    }
    while (!staff && latest.size() > SNAPSHOT_COMMENTS) {
      latest.remove(0);
    }
    node.set("comments", latest);
    Comments.Comment pinned = comments.pinned();
    node.set("pinnedComment", pinned == null ? Json.MAPPER.nullNode() : comment(pinned, staff));
  }

  private static ObjectNode comment(Comments.Comment comment, boolean clear) {
    ObjectNode node = Json.object();
    node.put("commentId", comment.id());
    node.put("author", clear ? comment.viewerId() : CommentText.masked(comment.viewerId()));
    node.put("text", comment.text());
    node.put("ts", comment.ts());
    if (comment.shadow()) {
      node.put("shadow", true);
    }
    if (comment.hidden()) {
      node.put("hidden", true);
    }
    return node;
  }
}
