/** A doctor finding: what was checked, how it stands, and for a problem or warning the fix. */
export interface DoctorFinding {
  /** `clock`, `jwks`, `jwks-cache`, `instance-keys`, `header-size`, `cors`. */
  check: string;
  status: 'ok' | 'warning' | 'problem' | 'skipped';
  message: string;
  hint?: string;
}
