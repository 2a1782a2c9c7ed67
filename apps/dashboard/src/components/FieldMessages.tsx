import type { FieldMessage } from '../resources/fieldMessages';

interface FieldMessagesProps {
  id: string;
  messages: readonly FieldMessage[] | undefined;
}

/** Server errors and warnings under the input they concern (the input names this list in aria-describedby). */
export function FieldMessages({ id, messages }: FieldMessagesProps) {
  if (!messages || messages.length === 0) return null;
  return (
    <ul id={id} className="field-messages" data-testid={`messages-${id}`}>
      {messages.map((m) => (
        <li key={`${m.level}|${m.code ?? ''}|${m.message}`} className={`field-message ${m.level}`}>
          {m.code && <code>{m.code}</code>} {m.message}
        </li>
      ))}
    </ul>
  );
}

/** The level of the worst message (for aria-invalid and styling). */
export function worstLevel(messages: readonly FieldMessage[] | undefined): FieldMessage['level'] | null {
  if (!messages || messages.length === 0) return null;
  if (messages.some((m) => m.level === 'error')) return 'error';
  if (messages.some((m) => m.level === 'warning')) return 'warning';
  return 'info';
}
