// Talking to the server from a page: the show id comes from ?show=, the token from the #fragment (never the
// query, so it stays out of logs and Referer headers), and every failure is an ApiError with the server's code.

/** The page's show id and staff token. */
export function pageParams() {
  const query = new URLSearchParams(location.search);
  const fragment = new URLSearchParams(location.hash.slice(1));
  return { show: query.get('show'), token: fragment.get('token') };
}

/** A failed call: the HTTP status and the server's error body (PROTOCOL §Errors), or NETWORK when nothing came back. */
export class ApiError extends Error {
  constructor(status, code, message, details = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

async function send(path, { method = 'GET', token, body, raw, contentType, headers = {} } = {}) {
  const init = { method, headers: { ...headers }, cache: 'no-store' };
  if (token) {
    init.headers.Authorization = `Bearer ${token}`;
  }
  if (raw !== undefined) {
    // a file as it is (a run-sheet's CSV bytes, say), with the type the server reads it by
    init.headers['Content-Type'] = contentType;
    init.body = raw;
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new ApiError(0, 'NETWORK', error.message);
  }
  if (!response.ok) {
    const type = response.headers.get('content-type') || '';
    const payload = type.includes('application/json') ? await response.json().catch(() => null) : null;
    const error = payload && payload.error;
    throw new ApiError(response.status, error ? error.code : `HTTP_${response.status}`,
      error ? error.message : response.statusText, error && error.details ? error.details : []);
  }
  return response;
}

/** JSON from the server; throws ApiError. */
export async function request(path, options = {}) {
  const response = await send(path, options);
  return response.status === 204 ? null : response.json();
}

/** A client bound to one token. */
export function client(token) {
  return {
    get: (path) => request(path, { token }),
    post: (path, body, headers) => request(path, { method: 'POST', token, body, headers }),
    put: (path, body, headers) => request(path, { method: 'PUT', token, body, headers }),
    del: (path) => request(path, { method: 'DELETE', token }),
    putRaw: (path, raw, contentType) => request(path, { method: 'PUT', token, raw, contentType }),
  };
}

/** The file name a Content-Disposition header offers, the UTF-8 one when there is one. */
export function fileName(disposition, fallback) {
  if (!disposition) {
    return fallback;
  }
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      // a malformed name falls through to the plain one
    }
  }
  const plain = /filename="([^"]+)"/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/**
 * Saves what an authenticated GET returns as a file: a plain link cannot send the token, so the page fetches
 * it and hands the browser the bytes.
 */
export async function download(path, token, fallbackName) {
  const response = await send(path, { token });
  const blob = await response.blob();
  const name = fileName(response.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
