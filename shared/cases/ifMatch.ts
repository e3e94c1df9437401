import { Problem } from '../http/problem';

/** The entity tags an If-Match header lists (RFC 9110 section 13.1.1), strong and weak apart. */
export interface IfMatchTags {
  /** Strong tags, quotes included: '"7"'. */
  strong: string[];
  /** Weak tags, quotes included but without the W/ prefix; they never match If-Match. */
  weak: string[];
}

const POINTER = '/headers/if-match';
// One list member: optional weak prefix, a quoted tag of etagc characters, then a comma or the end.
const MEMBER = /[ \t]*(W\/)?("[\x21\x23-\x7e\x80-\xff]*")[ \t]*(?:,|$)/y;

function malformed(): Problem {
  return new Problem('validation_failed', {
    errors: [{ pointer: POINTER, message: 'must be a comma-separated list of quoted entity tags, such as "7"' }],
  });
}

/**
 * The tags of an If-Match value.
 * @throws Problem validation_failed (400) when the value is not a list of entity tags.
 */
export function parseIfMatch(value: string): IfMatchTags {
  const tags: IfMatchTags = { strong: [], weak: [] };
  MEMBER.lastIndex = 0;
  while (MEMBER.lastIndex < value.length) {
    const start = MEMBER.lastIndex;
    const member = MEMBER.exec(value);
    if (member === null || MEMBER.lastIndex === start) throw malformed();
    (member[1] === undefined ? tags.strong : tags.weak).push(member[2]!);
  }
  if (tags.strong.length + tags.weak.length === 0) throw malformed();
  return tags;
}

/**
 * The If-Match tags a change must carry. `*` is refused like a missing header: it says nothing about
 * which version the caller saw, and that is what the precondition is for.
 * @throws Problem precondition_required (428) when the header is missing, empty or `*`;
 *   validation_failed (400) when it is malformed.
 */
export function requireIfMatch(headers: Headers): IfMatchTags {
  const value = headers.get('if-match')?.trim() ?? '';
  if (value === '' || value === '*') {
    throw new Problem('precondition_required', {
      detail: 'Send If-Match with the ETag of your last read of this case (a quoted version such as "3").',
    });
  }
  return parseIfMatch(value);
}

/**
 * Checks that the tags name the resource's current strong ETag, comparing strongly as If-Match must.
 * @throws Problem precondition_failed (412) when none does; the detail says so when only weak tags came.
 */
export function assertIfMatch(tags: IfMatchTags, currentETag: string): void {
  if (tags.strong.includes(currentETag)) return;
  if (tags.strong.length === 0) {
    throw new Problem('precondition_failed', {
      detail: 'Weak entity tags (W/"...") never match If-Match; send the strong ETag from your last read.',
    });
  }
  throw new Problem('precondition_failed');
}
