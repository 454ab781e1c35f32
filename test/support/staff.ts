/** A staff member for tests: a fresh Ed25519 key, its roster entry, and signing as kccp does. */
import { bytesToBase64, generateStaffKeyPair, signDecision, type StaffKey, type StaffRole } from '../../domain/staff';

export function staffMember(keyId: string, actor: string, role: StaffRole) {
  const { privateKey, publicKey } = generateStaffKeyPair();
  const key: StaffKey = { keyId, actor, role, publicKey: bytesToBase64(publicKey) };
  return {
    key,
    /** Signed for cycle 1 (unless the decision names another) at `at`, the test server's clock. */
    sign: <T extends Record<string, unknown>>(course: string, d: T, at: number) =>
      signDecision(course, { cycle: 1, ...d }, keyId, privateKey, at),
  };
}
