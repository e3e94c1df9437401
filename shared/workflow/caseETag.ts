/** The strong entity tag of a case at `version`: the number in double quotes. */
export function caseETag(version: number): string {
  return `"${version}"`;
}

/**
 * Whether an If-Match header lets a change to a case at `version` go ahead: absent, `*`, or a list
 * naming the current tag. Weak tags (W/"...") never match, as RFC 9110 requires for If-Match.
 */
export function ifMatchAllows(header: string | null, version: number): boolean {
  if (header === null) return true;
  const tags = header.split(',').map((tag) => tag.trim());
  return tags.includes('*') || tags.includes(caseETag(version));
}
