/** Email and password; the error appears under the form and Enter submits (it is a real <form>). */
import { useState, type FormEvent } from 'react';
import { EmberMark } from '../layout/ember-mark.tsx';
import { apiError } from '../lib/api-errors.ts';
import { useSignIn } from '../session.ts';
import { Button } from '../ui/button.tsx';
import { TextField } from '../ui/text-field.tsx';

export function SignInPage({ next }: { next: string | null }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useSignIn(next);
  const error = signIn.error ? apiError(signIn.error) : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    signIn.mutate({ email: email.trim(), password });
  }

  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3 text-center">
          <EmberMark className="size-10" />
          <h1 className="text-xl font-semibold tracking-tight text-zinc-900">Sign in to Ember Workflows</h1>
        </div>
        <form onSubmit={submit} noValidate className="flex flex-col gap-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-zinc-900/5">
          <TextField
            label="Email"
            type="email"
            autoComplete="username"
            autoFocus
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            data-testid="signin-email"
          />
          <TextField
            label="Password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="signin-password"
          />
          <Button type="submit" variant="primary" className="mt-1 w-full" disabled={signIn.isPending} data-testid="signin-submit">
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </Button>
          {error && (
            <p role="alert" data-testid="signin-error" className="rounded-md bg-red-50 px-3 py-2 text-red-800 ring-1 ring-red-200 ring-inset">
              {signInMessage(error)}
            </p>
          )}
        </form>
      </div>
    </main>
  );
}

function signInMessage(error: ReturnType<typeof apiError>): string {
  // Malformed input (e.g. "not-an-email") gets a plainer sentence than the validator's.
  if (error.code === 'BAD_REQUEST') {
    if (error.fieldErrors.email) return 'Enter a valid email address.';
    if (error.fieldErrors.password) return 'Enter your password.';
  }
  return error.message;
}
