import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Loaded } from '../hooks';

export function Loading({ what }: { readonly what: string }) {
  return <Spinner size="small" label={`Loading ${what}…`} labelPosition="after" />;
}

export function ErrorState({ message, onRetry }: { readonly message: string; readonly onRetry?: () => void }) {
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Could not load this</MessageBarTitle>
        {message}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>Try again</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

export function Empty({ children }: { readonly children: ReactNode }) {
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>{children}</MessageBarBody>
    </MessageBar>
  );
}

/** Shows loading and error states for a `useApi` result, and `children(data)` once loaded. */
export function Load<T>({ result, what, children }: { readonly result: Loaded<T> & { reload: () => void }; readonly what: string; readonly children: (data: T) => ReactNode }) {
  if (result.state === 'loading') return <Loading what={what} />;
  if (result.state === 'error') return <ErrorState message={result.message} onRetry={result.reload} />;
  return <>{children(result.data)}</>;
}
