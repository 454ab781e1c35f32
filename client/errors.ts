/**
 * How kccp ends. Scripts branch on the exit code, people read stderr:
 *   0  done (every decision accepted, or already recorded)
 *   1  Temporal or the course said no: unknown course, wrong phase, a rejected
 *      decision, a course that already exists, an unreachable server
 *   2  nothing was sent because the input is wrong: usage, a malformed flag
 *      or CSV row, an unknown country code
 */
export const EXIT_REFUSED = 1;
export const EXIT_BAD_INPUT = 2;

export class KccpError extends Error {
  constructor(
    message: string,
    readonly exitCode: typeof EXIT_REFUSED | typeof EXIT_BAD_INPUT,
    /** Further lines, one per problem (e.g. each bad CSV row). */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'KccpError';
  }
}

export const badInput = (message: string, details: string[] = []): KccpError =>
  new KccpError(message, EXIT_BAD_INPUT, details);
export const refused = (message: string, details: string[] = []): KccpError =>
  new KccpError(message, EXIT_REFUSED, details);
