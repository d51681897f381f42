package io.livedesk.show;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is watching: sockets per viewer per node, so several tabs of one viewer count once and a lost
 * node's sockets can be closed together.
 */
public final class Presence implements Serializable {

  /** Written in FoldBytes' compact form by a snapshot (writeObject). */
  private transient Map<String, Map<String, Integer>> socketsByViewer = new HashMap<>();
  private int online;
  private int peak;
  private long peakAt;

  /** Takes over another's sockets and peak, for {@link ShowState#copy()}. */
  void copyFrom(Presence other) {
    other.socketsByViewer.forEach((viewer, nodes) -> socketsByViewer.put(viewer, new HashMap<>(nodes)));
    online = other.online;
    peak = other.peak;
    peakAt = other.peakAt;
  }

  private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
    out.defaultWriteObject();
    FoldBytes.Out bytes = new FoldBytes.Out();
    bytes.count(socketsByViewer.size());
    socketsByViewer.forEach((viewer, nodes) -> {
      bytes.once(viewer);
      bytes.count(nodes.size());
      nodes.forEach((node, sockets) -> {
        bytes.text(node);
        bytes.whole(sockets);
      });
    });
    bytes.end(out);
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
    in.defaultReadObject();
    FoldBytes.In bytes = new FoldBytes.In(in);
    int viewers = bytes.count();
    socketsByViewer = FoldBytes.mapFor(viewers);
    for (int i = 0; i < viewers; i++) {
      String viewer = bytes.once();
      int count = bytes.count();
      Map<String, Integer> nodes = new HashMap<>(2);
      for (int j = 0; j < count; j++) {
        nodes.put(bytes.text(), (int) bytes.whole());
      }
      socketsByViewer.put(viewer, nodes);
    }
  }

  /** Adds a socket; true when the viewer was not online before. */
  boolean open(String viewerId, String node, long ts) {
    Map<String, Integer> nodes = socketsByViewer.computeIfAbsent(viewerId, v -> new HashMap<>(2));
    boolean arrived = nodes.isEmpty();
    nodes.merge(node, 1, Integer::sum);
    if (arrived) {
      online++;
      if (online > peak) {
        peak = online;
        peakAt = ts;
      }
    }
    return arrived;
  }

  /** Removes sockets; true when they were the viewer's last. */
  boolean close(String viewerId, String node, int sockets) {
    Map<String, Integer> nodes = socketsByViewer.get(viewerId);
    if (nodes == null || !nodes.containsKey(node)) {
      return false;
    }
    if (nodes.merge(node, -sockets, Integer::sum) <= 0) {
      nodes.remove(node);
    }
    if (nodes.isEmpty()) {
      socketsByViewer.remove(viewerId);
      online--;
      return true;
    }
    return false;
  }

  void closeAll() {
    socketsByViewer.clear();
    online = 0;
  }

  public boolean isOnline(String viewerId) {
    return socketsByViewer.containsKey(viewerId);
  }

  /** Sockets the viewer holds on {@code node}. */
  public int sockets(String viewerId, String node) {
    Map<String, Integer> nodes = socketsByViewer.get(viewerId);
    return nodes == null ? 0 : nodes.getOrDefault(node, 0);
  }

  /** Viewers holding at least one socket on {@code node}. */
  public List<String> viewersOn(String node) {
    return socketsByViewer.entrySet().stream()
        .filter(entry -> entry.getValue().containsKey(node))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  /** Nodes holding at least one socket, so a cluster can tell which of them are gone. */
  public Set<String> nodes() {
    Set<String> nodes = new TreeSet<>();
    socketsByViewer.values().forEach(byNode -> nodes.addAll(byNode.keySet()));
    return nodes;
  }

  public int online() {
    return online;
  }

  public int peak() {
    return peak;
  }

  public long peakAt() {
    return peakAt;
  }
}
