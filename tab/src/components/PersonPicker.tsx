import { Button, Field, Input, Select } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { PeopleDto, PersonDto } from '../../../src/server/api/types';
import { api } from '../api';

/** People found by name (two letters or more), from those the viewer may choose (`/api/people`). */
function usePeopleSearch(): { readonly search: string; readonly setSearch: (s: string) => void; readonly found: readonly PersonDto[] } {
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<readonly PersonDto[]>([]);
  useEffect(() => {
    if (search.trim().length < 2) return;
    let live = true;
    const timer = setTimeout(() => {
      api<PeopleDto>(`/api/people?q=${encodeURIComponent(search.trim())}`).then(
        (r) => live && setFound(r.people),
        () => live && setFound([]),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [search]);
  return { search, setSearch, found };
}

const described = (p: PersonDto): string => `${p.displayName}${p.teamName ? `, ${p.teamName}` : ''}`;

/**
 * Choose one person: a name search that fills the list below it. `known` are listed from the
 * start (the viewer, people already chosen), so the common choice needs no search.
 */
export function PersonPicker(props: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (id: string) => void;
  readonly known: readonly { readonly id: string; readonly name: string }[];
  readonly error?: string;
  readonly required?: boolean;
}) {
  const { search, setSearch, found } = usePeopleSearch();
  const people = new Map<string, string>([...props.known.map((k) => [k.id, k.name] as [string, string]), ...found.map((p) => [p.id, described(p)] as [string, string])]);
  return (
    <>
      <Field label={`Find the ${props.label.toLowerCase()} by name`} hint="Type two or more letters; the people found are added to the list below.">
        <Input value={search} onChange={(_, d) => setSearch(d.value)} />
      </Field>
      <Field label={props.label} required={props.required ?? false} {...(props.error ? { validationState: 'error' as const, validationMessage: props.error } : {})}>
        <Select value={props.value} onChange={(_, d) => props.onChange(d.value)}>
          {props.value === '' && <option value="">Choose…</option>}
          {[...people].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </Select>
      </Field>
    </>
  );
}

/** Choose several people (a review group): search, add, and remove each. */
export function PeoplePicker(props: {
  readonly label: string;
  readonly value: readonly { readonly id: string; readonly name: string }[];
  readonly onChange: (people: readonly { readonly id: string; readonly name: string }[]) => void;
  readonly error?: string;
}) {
  const { search, setSearch, found } = usePeopleSearch();
  const [choice, setChoice] = useState('');
  const chosen = new Set(props.value.map((p) => p.id));
  const options = found.filter((p) => !chosen.has(p.id));
  return (
    <fieldset className="phc-fieldset">
      <legend>{props.label}</legend>
      {props.value.length === 0 ? (
        <p className="phc-muted">Nobody yet.</p>
      ) : (
        <ul>
          {props.value.map((p) => (
            <li key={p.id}>
              {p.name}{' '}
              <Button size="small" appearance="subtle" onClick={() => props.onChange(props.value.filter((x) => x.id !== p.id))} aria-label={`Remove ${p.name}`}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Field label="Find someone to add by name" hint="Type two or more letters.">
        <Input value={search} onChange={(_, d) => setSearch(d.value)} />
      </Field>
      <div className="phc-row">
        <Field label="Person to add">
          <Select value={choice} onChange={(_, d) => setChoice(d.value)}>
            <option value="">Choose…</option>
            {options.map((p) => (
              <option key={p.id} value={p.id}>
                {described(p)}
              </option>
            ))}
          </Select>
        </Field>
        <Button
          disabled={choice === ''}
          onClick={() => {
            const person = options.find((p) => p.id === choice);
            if (person) props.onChange([...props.value, { id: person.id, name: person.displayName }]);
            setChoice('');
          }}
        >
          Add to the group
        </Button>
      </div>
      {props.error && (
        <p className="phc-error" role="alert">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}
