import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { ApiError, messageOf } from '../api';

/** What became of a form the user sent: said in words, with each problem listed. */
export interface Outcome {
  readonly ok: boolean;
  readonly text: string;
  readonly details?: readonly string[];
}

/** A refused send: the server's words, and each problem it listed. */
export function failedOutcome(error: unknown): Outcome {
  return { ok: false, text: messageOf(error), ...(error instanceof ApiError && error.body.details ? { details: error.body.details } : {}) };
}

/** The message under a form after sending it; `role="status"` so screen readers announce it. */
export function OutcomeMessage({ outcome }: { readonly outcome: Outcome | undefined }) {
  if (!outcome) return null;
  return (
    <MessageBar intent={outcome.ok ? 'success' : 'error'} layout="multiline" role="status">
      <MessageBarBody>
        {outcome.text}
        {outcome.details && (
          <ul>
            {outcome.details.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
