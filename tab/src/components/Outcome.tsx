import { MessageBar, MessageBarBody } from '@fluentui/react-components';

/** What became of a form the user sent: said in words, with each problem listed. */
export interface Outcome {
  readonly ok: boolean;
  readonly text: string;
  readonly details?: readonly string[];
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
