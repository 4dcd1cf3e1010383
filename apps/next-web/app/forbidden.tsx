// Rendered with 403 when requireAuth() finds a signed-in user without the role or permission.
export default function Forbidden() {
  return (
    <section className="error" role="alert">
      <h1>403: not for this account</h1>
      <p>You are signed in, but this page needs a role your account does not have.</p>
      <p><a href="/dashboard">Back to the dashboard</a></p>
    </section>
  );
}
