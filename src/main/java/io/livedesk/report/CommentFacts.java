package io.livedesk.report;

import io.livedesk.show.Comments;
import io.livedesk.show.ShowState;
import java.util.List;

/**
 * The show's comments as the review counts them (docs/protocol.md §Report): every comment, shadowed ones
 * included, the viewers who commented, and the most repeated visible comments.
 */
public record CommentFacts(long comments, int commenters, List<Comments.Question> topQuestions) {

  static final int TOP_QUESTIONS = 10;

  public static CommentFacts of(ShowState state) {
    Comments comments = state.comments();
    return new CommentFacts(comments.total(), comments.commenters(), comments.topQuestions(TOP_QUESTIONS));
  }
}
