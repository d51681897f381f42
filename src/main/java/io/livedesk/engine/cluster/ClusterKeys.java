package io.livedesk.engine.cluster;

/** The names of everything the cluster keeps in Redis, all under one prefix so deployments can share a server. */
record ClusterKeys(String prefix) {

  /** The show's writer lease: {@code <node>|<token>} of its owner, expiring unless renewed. */
  String lease(String showId) {
    return prefix + ":show:" + showId + ":lease";
  }

  /** The show's recent durable events, entry id {@code 0-<seq>}. */
  String events(String showId) {
    return prefix + ":show:" + showId + ":events";
  }

  /** The watch list: live shows, each claimed again without waiting for a command if its writer dies. */
  String watched() {
    return prefix + ":shows:watched";
  }

  /** Present while the node is alive. */
  String alive(String nodeId) {
    return prefix + ":node:" + nodeId + ":alive";
  }

  /** The pub/sub channel on which the node takes forwarded commands and the answers to its own. */
  String inbox(String nodeId) {
    return prefix + ":node:" + nodeId + ":inbox";
  }
}
