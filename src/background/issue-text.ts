import type * as z from 'zod/mini';

/**
 * What a schema found wrong in a refused message, in a few words. zod/mini ships no messages (every issue
 * reads "Invalid input"), and its English locale would cost a kilobyte of the background's budget. A
 * message the schema states itself (e.g. "a LinkedIn public identifier") is kept.
 */
export function issueText(issue: z.core.$ZodIssue): string {
  if (issue.message !== 'Invalid input') return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'too_big':
      return `${issue.origin} above ${issue.inclusive === false ? 'or at ' : ''}${issue.maximum}`;
    case 'too_small':
      return `${issue.origin} below ${issue.inclusive === false ? 'or at ' : ''}${issue.minimum}`;
    case 'invalid_format':
      return `not a valid ${issue.format}`;
    case 'unrecognized_keys':
      return `unknown key ${issue.keys.map((key) => JSON.stringify(key).slice(0, 40)).join(', ')}`.slice(0, 200);
    case 'invalid_value':
      return 'not one of the allowed values';
    default:
      return issue.code.replaceAll('_', ' ');
  }
}
