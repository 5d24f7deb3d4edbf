import { useState } from 'react';
import { ApiError } from '../api';
import { failedOutcome, type Outcome } from './Outcome';

/**
 * Sending a form: busy while it goes, the outcome in words after, and refused fields by name
 * (the server's `fieldErrors`) to show beside each field (`err('notes.q3')`).
 */
export function useSend() {
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [busy, setBusy] = useState(false);
  async function send<T>(request: () => Promise<T>, done?: (result: T) => string): Promise<T | undefined> {
    setBusy(true);
    setOutcome(undefined);
    try {
      const result = await request();
      setErrors({});
      if (done) setOutcome({ ok: true, text: done(result) });
      return result;
    } catch (error) {
      const fields = error instanceof ApiError ? error.body.fieldErrors : undefined;
      setErrors(fields ? Object.fromEntries(fields.map((f) => [f.field, f.message])) : {});
      setOutcome(failedOutcome(error));
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  const err = (field: string) => (errors[field] ? { validationState: 'error' as const, validationMessage: errors[field] } : {});
  return { send, err, errors, outcome, busy };
}
