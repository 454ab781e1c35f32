/** A course outline (domain/course-outline.ts) read from a JSON file, for `course create --outline` and the catalogue CSV. */
import { readFileSync } from 'node:fs';

/** The file's JSON value, checked later with the course spec; an unreadable file or bad JSON is named here. */
export function readOutlineFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the outline ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`the outline ${path} is not JSON: ${(error as Error).message}`, { cause: error });
  }
}
