// The live connection of a page to its show (PROTOCOL §WebSocket): connect, welcome with a snapshot or the
// missed events, then events, ticks and command replies. It keeps itself alive: a ping every two seconds,
// the server counted as lost after five silent ones, and a reconnect that resumes from the last seq seen.

const PING_MILLIS = 2000;
const SILENCE_MILLIS = 5000;
const WELCOME_MILLIS = 5000;
const RETRY_MILLIS = [250, 500, 1000, 2000];
/** Close codes after which trying again cannot help: the token or the show is wrong. */
const FINAL_CODES = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND']);

/** A command the server refused, or could not be sent: the protocol's code, message and details. */
export class CommandError extends Error {
  constructor(code, message, details = []) {
    super(message);
    this.name = 'CommandError';
    this.code = code;
    this.details = details;
  }
}

/**
 * Opens and keeps a connection. options: { show, role, token?, viewer?, viewerToken?, onSnapshot(snapshot,
 * welcome), onEvent(frame, replayed), onTick(frame), onStaff(members), onState(state, error) }. States: 'connecting', 'live',
 * 'lost' (no server: numbers on screen are not live), 'denied' (the server refused us for good).
 */
export function connectLive(options) {
  const { show, role } = options;
  const strict = role !== 'viewer';
  let socket = null;
  let state = 'connecting';
  let lastSeq = null;
  let unansweredSince = 0;
  let lastPing = 0;
  let attempt = 0;
  let retryTimer = 0;
  let welcomeTimer = 0;
  let nextId = 1;
  let bestRtt = Infinity;
  let offset = 0;
  let offsetAt = 0;
  let stopped = false;
  const pending = new Map();
  const seqWaiters = [];

  function setState(next, error) {
    if (state !== next || error) {
      state = next;
      document.body.dataset.connection = next;
      options.onState?.(next, error);
    }
  }

  function url() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${location.host}/ws/shows/${encodeURIComponent(show)}`;
  }

  function open(resume) {
    clearTimeout(retryTimer);
    if (stopped) {
      return;
    }
    const ws = new WebSocket(url());
    socket = ws;
    unansweredSince = 0;
    ws.onopen = () => {
      const connect = { type: 'connect', role };
      for (const key of ['token', 'viewer', 'viewerToken']) {
        if (options[key]) {
          connect[key] = options[key];
        }
      }
      if (resume && lastSeq !== null) {
        connect.after = lastSeq;
      }
      ws.send(JSON.stringify(connect));
      welcomeTimer = setTimeout(() => drop(ws, 'lost'), WELCOME_MILLIS);
    };
    ws.onmessage = (message) => {
      if (ws !== socket) {
        return;
      }
      unansweredSince = 0;
      let frame;
      try {
        frame = JSON.parse(message.data);
      } catch {
        return;
      }
      receive(ws, frame);
    };
    ws.onclose = () => {
      if (ws === socket) {
        retry('lost');
      }
    };
  }

  function receive(ws, frame) {
    switch (frame.type) {
      case 'welcome':
        welcome(ws, frame);
        break;
      case 'event':
        event(ws, frame);
        break;
      case 'tick':
        options.onTick?.(frame);
        break;
      case 'staff':
        // the members on the show now, staff sockets only (docs/protocol.md §People)
        options.onStaff?.(frame.members || []);
        break;
      case 'comments':
        // viewers' batched comments (docs/protocol.md §Comments): sampled, so their seqs leave gaps by design
        for (const item of frame.items || []) {
          options.onEvent?.(item, false);
        }
        break;
      case 'reply':
        reply(frame);
        break;
      case 'pong':
        pong(frame);
        break;
      case 'resync':
        drop(ws, 'connecting');
        break;
      case 'error':
        refused(ws, frame.error || {});
        break;
      default:
        break;
    }
  }

  function welcome(ws, frame) {
    clearTimeout(welcomeTimer);
    attempt = 0;
    if (offsetAt === 0 && typeof frame.serverTime === 'number') {
      // a first guess until a ping's round trip measures it properly
      offset = frame.serverTime - Date.now();
    }
    if (frame.snapshot) {
      options.onSnapshot?.(frame.snapshot, frame);
    } else {
      for (const missed of frame.replay || []) {
        options.onEvent?.(missed, true);
        if (ws !== socket) {
          return;
        }
      }
    }
    lastSeq = frame.seq;
    setState('live');
    releaseWaiters();
    ping();
  }

  function event(ws, frame) {
    if (strict && lastSeq !== null) {
      if (frame.seq <= lastSeq) {
        return;
      }
      if (frame.seq !== lastSeq + 1) {
        // a gap: something was missed; the server fills it in from our last seq
        drop(ws, 'connecting');
        return;
      }
    }
    options.onEvent?.(frame, false);
    if (ws !== socket) {
      // the page asked for a fresh snapshot while handling this event
      return;
    }
    lastSeq = lastSeq === null ? frame.seq : Math.max(lastSeq, frame.seq);
    releaseWaiters();
  }

  function reply(frame) {
    const waiter = pending.get(frame.id);
    if (!waiter) {
      return;
    }
    pending.delete(frame.id);
    if (frame.ok) {
      waiter.resolve({ seq: frame.seq, result: frame.result || {} });
    } else {
      const error = frame.error || {};
      waiter.reject(new CommandError(error.code || 'UNAVAILABLE', error.message || '', error.details || []));
    }
  }

  function refused(ws, error) {
    if (FINAL_CODES.has(error.code)) {
      stopped = true;
      clearTimeout(welcomeTimer);
      setState('denied', new CommandError(error.code, error.message || ''));
      ws.close();
      return;
    }
    drop(ws, 'lost');
  }

  /** The server's clock from a ping's round trip; the quickest round trip of the last minute is trusted most. */
  function measure(serverTime, rtt) {
    const now = Date.now();
    if (typeof serverTime !== 'number') {
      return;
    }
    if (rtt <= bestRtt || now - offsetAt > 60_000) {
      bestRtt = rtt;
      offset = serverTime + rtt / 2 - now;
      offsetAt = now;
    }
  }

  function pong(frame) {
    if (typeof frame.t === 'number') {
      measure(frame.serverTime, Math.max(0, Date.now() - frame.t));
    }
  }

  /**
   * Closes this socket and tries again, resuming from the last seq: 'connecting' when we chose to (a gap, a
   * resync: the server is there), 'lost' when the server went quiet.
   */
  function drop(ws, next) {
    if (ws === socket) {
      ws.onclose = null;
      ws.close();
      retry(next);
    }
  }

  function retry(next) {
    clearTimeout(welcomeTimer);
    socket = null;
    for (const waiter of pending.values()) {
      waiter.reject(new CommandError('UNAVAILABLE', 'the connection to the server was lost'));
    }
    pending.clear();
    if (stopped) {
      return;
    }
    setState(next);
    const delay = next === 'lost' ? RETRY_MILLIS[Math.min(attempt, RETRY_MILLIS.length - 1)] : 0;
    attempt += 1;
    retryTimer = setTimeout(() => open(true), delay + Math.random() * 150);
  }

  function releaseWaiters() {
    for (let i = seqWaiters.length - 1; i >= 0; i--) {
      if (lastSeq !== null && lastSeq >= seqWaiters[i].seq) {
        seqWaiters[i].resolve();
        seqWaiters.splice(i, 1);
      }
    }
  }

  // the server counts as lost when a ping has gone unanswered (and nothing else came) for five seconds;
  // timers of a hidden tab may run late, which only delays the next ping, never fakes a silence
  const heartbeat = setInterval(() => {
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return;
    }
    const now = performance.now();
    if (state === 'live' && unansweredSince > 0 && now - unansweredSince > SILENCE_MILLIS) {
      drop(socket, 'lost');
      return;
    }
    if (now - lastPing >= PING_MILLIS) {
      ping();
    }
  }, 1000);

  function ping() {
    lastPing = performance.now();
    if (unansweredSince === 0) {
      unansweredSince = lastPing;
    }
    socket.send(JSON.stringify({ type: 'ping', t: Date.now() }));
  }

  open(false);

  return {
    /** Sends a command; resolves with {seq, result} or rejects with a CommandError. */
    command(cmd, args = {}, key) {
      if (!socket || state !== 'live') {
        return Promise.reject(new CommandError('UNAVAILABLE', 'not connected to the server'));
      }
      const id = `c${nextId++}`;
      const frame = { type: 'cmd', id, cmd, args };
      if (key) {
        frame.key = key;
      }
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        socket.send(JSON.stringify(frame));
      });
    },
    /** Resolves once the events up to seq have been handed to onEvent (a reply's seq, say). */
    caughtUp(seq) {
      return new Promise((resolve) => {
        seqWaiters.push({ seq, resolve });
        releaseWaiters();
      });
    },
    /** The server's clock now, as measured over this connection. */
    serverNow() {
      return Date.now() + offset;
    },
    state: () => state,
    /** Starts over from a fresh snapshot (after a change the page cannot follow event by event). */
    resnapshot() {
      lastSeq = null;
      if (socket) {
        drop(socket, 'connecting');
      }
    },
    close() {
      stopped = true;
      clearInterval(heartbeat);
      clearTimeout(retryTimer);
      if (socket) {
        socket.onclose = null;
        socket.close();
        socket = null;
      }
    },
  };
}
