// The server's names (GET /api/vocabulary, docs/protocol.md §Vocabulary): the commands a client may send,
// every event kind and the kinds only viewers get. Pages name kinds through here, so a page that handles a
// kind the server does not have stops as it loads instead of waiting for a frame that never comes.

const response = await fetch('/api/vocabulary');
if (!response.ok) {
  throw new Error(`the vocabulary did not load (${response.status})`);
}
const vocabulary = await response.json();
const KINDS = new Set([...vocabulary.events, ...vocabulary.viewerKinds]);

/** The kind, refused unless the server has it. */
export function kind(name) {
  if (!KINDS.has(name)) {
    throw new Error(`the server has no event kind ${name}`);
  }
  return name;
}

/** Handlers by kind, as a Map; refused if one is for a kind the server does not have. */
export function byKind(handlers) {
  return new Map(Object.entries(handlers).map(([name, handler]) => [kind(name), handler]));
}

/** Folds a frame with the handler its kind has in a byKind table; false when the table has none for it. */
export function foldWith(folds) {
  return (show, frame) => {
    const fold = folds.get(frame.kind);
    if (!fold) {
      return false;
    }
    fold(show, frame.data || {}, frame);
    return true;
  };
}
