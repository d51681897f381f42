// A staff page's access (docs/protocol.md §People): the token in the #fragment when there is one, else the
// member's session cookie; with neither, the sign-in page, which comes back here afterwards.
import { ApiError, pageParams, request } from './api.js';

/** The signed-in member, or null (not signed in, or the server cannot say). */
export async function signedInMember() {
  try {
    const answer = await request('/api/me');
    return answer.member;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return null;
    }
    throw error;
  }
}

/** The sign-in page's address, coming back to this page. */
export function loginUrl() {
  return `/login/?next=${encodeURIComponent(location.pathname + location.search)}`;
}

/**
 * The page's show and how it is let in: { show, token } with a token from the fragment, or { show, token: null,
 * member } on a member's session. Without either it goes to the sign-in page and answers null.
 */
export async function staffAccess() {
  const { show, token } = pageParams();
  if (token) {
    return { show, token, member: null };
  }
  const member = await signedInMember();
  if (!member) {
    location.replace(loginUrl());
    return null;
  }
  return { show, token: null, member };
}

/** Signs out and goes to the sign-in page. */
export async function signOut() {
  await request('/api/logout', { method: 'POST' }).catch(() => null);
  location.replace(loginUrl());
}
