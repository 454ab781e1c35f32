/**
 * What every decision of a record-integrity-v1 course must meet before its
 * schema is even built: a byte budget, and no control character in any string.
 * Checked by the workflow's validator first, so an oversized or disguised
 * decision costs nothing and leaves no trace.
 */
/** The most a decision may weigh, in UTF-8 bytes of its JSON: far above a real one, far below Temporal's 2 MB payload limit. */
export const DECISION_MAX_BYTES = 64 * 1024;

/** Fields that are prose, where staff may write on several lines. */
const FREE_TEXT_FIELDS = new Set(['summary', 'reasons', 'remarks', 'reason', 'findings']);
// C0 controls but newline, DEL, C1 controls, line/paragraph separators and bidirectional overrides:
// invisible characters that make a record read differently from what it holds.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** UTF-8 bytes of a value's JSON; what the value costs in history and in state. */
export function jsonBytes(value: unknown): number {
  const json = JSON.stringify(value);
  return json === undefined ? 0 : new TextEncoder().encode(json).length;
}

/**
 * The budget every decision of a record-integrity-v1 course meets before its schema is even
 * built: its size, and no control character in any string (newlines only in prose fields).
 * Returns the field and the rule, or undefined.
 */
export function decisionBudgetProblem(input: unknown): string | undefined {
  const bytes = jsonBytes(input);
  if (bytes > DECISION_MAX_BYTES) {
    return `too large: a decision is at most ${DECISION_MAX_BYTES} bytes of JSON (this one is ${bytes})`;
  }
  return controlCharacterProblem(input, []);
}

function controlCharacterProblem(value: unknown, path: (string | number)[]): string | undefined {
  if (typeof value === 'string') {
    const prose = path.some((p) => typeof p === 'string' && FREE_TEXT_FIELDS.has(p));
    if ((prose ? CONTROL : CONTROL_OR_NEWLINE).test(value)) {
      return `invalid field: ${path.join('.') || '(input)'}: control characters are not allowed${prose ? ' (only newlines)' : ''}`;
    }
    return undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const problem = controlCharacterProblem(value[i], [...path, i]);
      if (problem) return problem;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (CONTROL_OR_NEWLINE.test(key))
        return `invalid field: ${path.join('.') || '(input)'}: control characters in a field name`;
      const problem = controlCharacterProblem(inner, [...path, key]);
      if (problem) return problem;
    }
  }
  return undefined;
}
