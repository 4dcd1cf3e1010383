export default function SignIn() {
  return (
    <form method="post" action="/auth/login">
      <h1>Sign in</h1>
      <input name="username" /> <input name="password" type="password" /> <button>Sign in</button>
    </form>
  );
}
