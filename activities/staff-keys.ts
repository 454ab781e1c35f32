/** The staff keys as an activity: the workflow reads the roster through it, never from its input. */
import type { StaffKeys } from '../domain/staff';
import { loadStaffKeysFile } from '../platform/staff-keys';

/**
 * With a file, every decision must be signed by a key in it; without one, the
 * worker says so at start and decisions are accepted unsigned (local use).
 * The file is read on every call, so an edited roster applies when courses reload it.
 */
export function createStaffKeyActivities(file: string | undefined): { loadStaffKeys(): Promise<StaffKeys> } {
  return {
    async loadStaffKeys() {
      return file ? loadStaffKeysFile(file) : { enforce: false, keys: [] };
    },
  };
}
