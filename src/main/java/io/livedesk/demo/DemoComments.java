package io.livedesk.demo;

import java.util.List;
import java.util.Random;

/** What the simulated audience says (评论): the questions a live room asks, often the same ones. */
final class DemoComments {

  /** Comments per second per watching viewer: about eight a second from 2,000 viewers. */
  static final double PER_SECOND = 0.004;

  private static final List<String> QUESTIONS = List.of("包邮吗？", "包邮吗", "还有货吗？", "能便宜点吗？",
      "什么时候发货？", "有优惠券吗？", "尺码怎么选？", "保质期多久？", "已拍！", "主播讲得好清楚", "666",
      "这个颜色还有吗？", "怎么领券？", "上链接！", "价格能再低一点吗");

  private DemoComments() {
  }

  /** A comment, the first questions more often than the rest, as in a real room. */
  static String pick(Random random) {
    int index = (int) Math.min(QUESTIONS.size() - 1, Math.floor(Math.abs(random.nextGaussian()) * 4));
    return QUESTIONS.get(index);
  }
}
