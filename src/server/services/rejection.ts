/** A mutation the server refuses: it becomes a `rejected` result, never an HTTP error. */
export class MutationRejected extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'MutationRejected';
  }
}

/** A refusal about particular fields; the message is the field's own when there is only one. */
export function invalidFields(fields: Record<string, string>, code = 'ogiltiga_uppgifter'): MutationRejected {
  const messages = Object.values(fields);
  const message =
    messages.length === 1 && messages[0]
      ? messages[0]
      : `Ändringen kunde inte sparas: ${messages.length} uppgifter är inte giltiga.`;
  return new MutationRejected(code, message, fields);
}
