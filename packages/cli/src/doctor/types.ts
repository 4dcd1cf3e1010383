/** A doctor finding: what was checked, how it stands, and for a problem or warning the fix. */
export interface DoctorFinding {
  /** `clock`, `jwks`, `jwks-cache`, `instance-keys`, `header-size`, `cors`, and through the diagnostic endpoint `authorization-arrives`, `cookies-arrive`, `https-view`, `auth-cookies`, `cookie-attributes`. */
  check: string;
  status: 'ok' | 'warning' | 'problem' | 'skipped';
  message: string;
  hint?: string;
}
