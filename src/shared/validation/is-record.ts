/** A plain JSON object (not null, not an array): the first question about anything read from storage or a message. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
