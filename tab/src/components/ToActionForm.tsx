import { Button, Field, Input, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { MeDto } from '../../../src/server/api/types';
import { api } from '../api';
import { OutcomeMessage } from './Outcome';
import { PersonPicker } from './PersonPicker';
import { useSend } from './useSend';

/** Owner and due date for an action made from a theme, a recommendation or an improvement item. */
export function ToActionForm({
  title,
  me,
  url,
  version,
  onDone,
  withWhat,
}: {
  readonly title: string;
  readonly me: MeDto;
  readonly url: string;
  readonly version: number;
  readonly onDone: () => void;
  readonly withWhat?: boolean;
}) {
  const [ownerId, setOwnerId] = useState(me.person.id);
  const [due, setDue] = useState('');
  const [what, setWhat] = useState('');
  const { send, err, outcome, busy } = useSend();
  return (
    <form
      className="phc-form"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        void send(
          () => api(url, { method: 'POST', body: { version, ownerId, due, ...(withWhat ? { what } : {}) } }),
          () => 'Added to the action plan.',
        ).then((r) => r !== undefined && onDone());
      }}
    >
      <h4>{title}</h4>
      {withWhat && (
        <Field label="What will be done" required {...err('what')}>
          <Textarea value={what} onChange={(_, d) => setWhat(d.value)} />
        </Field>
      )}
      <PersonPicker
        label="Owner"
        value={ownerId}
        onChange={setOwnerId}
        known={[{ id: me.person.id, name: `${me.person.displayName} (you)` }]}
        required
        {...(err('ownerId').validationMessage ? { error: err('ownerId').validationMessage as string } : {})}
      />
      <Field label="Due" required {...err('due')}>
        <Input type="date" value={due} onChange={(_, d) => setDue(d.value)} />
      </Field>
      <div className="phc-buttons">
        <Button appearance="primary" type="submit" disabled={busy}>
          Add to the action plan
        </Button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}
