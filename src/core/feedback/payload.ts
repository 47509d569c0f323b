import { randomUUID } from 'node:crypto';
import type { FeedbackChannel, Team } from '../catalog/model';

export const FEEDBACK_SCHEMA = 'platform-guide/feedback-v1';
export const FEEDBACK_KINDS = ['bug', 'migration-blocker', 'feature-request', 'docs', 'praise', 'other'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** Counted in UTF-16 units, as a textarea's `maxlength` counts them. */
export const MAX_MESSAGE_LENGTH = 5000;
/** Context values are short facts (a package, a path, a finding's message), not documents. */
export const MAX_CONTEXT_VALUE_LENGTH = 2000;
export const MAX_CONTEXT_ITEMS = 20;
export const MAX_CONTACT_LENGTH = 200;

/** What the panel holds: the user's words and the context items they left ticked. */
export interface FeedbackDraft {
  team: string;
  component: string | null;
  kind: FeedbackKind;
  rating: number | null;
  message: string;
  /** null when the user did not ask to be contacted. */
  contact: string | null;
  /** Only the ticked items. */
  context: Record<string, string>;
}

/** The JSON body of a webhook delivery, exactly as catalog-v1.md "Feedback channels" specifies it. */
export interface FeedbackPayload {
  readonly schema: typeof FEEDBACK_SCHEMA;
  /** A uuid, the same on every retry (it is the Idempotency-Key). */
  readonly id: string;
  /** ISO 8601, UTC. */
  readonly createdAt: string;
  readonly team: string;
  readonly component: string | null;
  readonly kind: FeedbackKind;
  readonly rating: number | null;
  readonly message: string;
  readonly contact: string | null;
  readonly context: Readonly<Record<string, string>>;
}

export type DraftField = 'team' | 'component' | 'kind' | 'rating' | 'message' | 'contact' | 'context';
export interface FieldError {
  readonly field: DraftField;
  readonly message: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A chat or GitHub handle: `@alice`, `@alice.smith`. */
const HANDLE = /^@[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

export function isFeedbackKind(value: unknown): value is FeedbackKind {
  return typeof value === 'string' && (FEEDBACK_KINDS as readonly string[]).includes(value);
}

/**
 * Checks a draft as it arrives from the panel: every field is checked at run time, since a webview
 * message is untyped data. `teams` is the merged catalog's team map; with it the team must exist and
 * list at least one feedback channel. At most one error per field, in the panel's field order.
 */
export function validateDraft(draft: FeedbackDraft, teams?: ReadonlyMap<string, Team>): FieldError[] {
  const errors: FieldError[] = [];
  const d = draft as unknown as Record<string, unknown>;
  const add = (field: DraftField, message: string): void => void errors.push({ field, message });

  if (typeof d.team !== 'string' || d.team.trim() === '') add('team', 'choose the team to send feedback to');
  else if (teams && !teams.has(d.team)) add('team', `there is no team "${d.team}" in the catalog`);
  else if (teams && teams.get(d.team)!.feedback.length === 0) add('team', `${teams.get(d.team)!.name} lists no feedback channel in the catalog`);

  if (d.component !== null && (typeof d.component !== 'string' || d.component.trim() === '' || d.component.length > 200)) {
    add('component', 'the component must be a component id, or none');
  }
  if (!isFeedbackKind(d.kind)) add('kind', `choose what kind of feedback this is: ${FEEDBACK_KINDS.join(', ')}`);
  if (d.rating !== null && !(typeof d.rating === 'number' && Number.isInteger(d.rating) && d.rating >= 1 && d.rating <= 5)) {
    add('rating', 'a rating is a whole number from 1 to 5, or none');
  }

  if (typeof d.message !== 'string' || d.message.trim() === '') add('message', 'write a message');
  else if (d.message.length > MAX_MESSAGE_LENGTH) {
    add('message', `the message is ${d.message.length} characters long; the limit is ${MAX_MESSAGE_LENGTH}`);
  }

  if (d.contact !== null) {
    const contact = typeof d.contact === 'string' ? d.contact.trim() : undefined;
    if (contact === undefined || contact === '') add('contact', 'write an email address or @handle to be contacted at, or choose not to be contacted');
    else if (contact.length > MAX_CONTACT_LENGTH || !(EMAIL.test(contact) || HANDLE.test(contact))) {
      add('contact', 'write an email address (dev@acme.dev) or a handle (@alice)');
    }
  }

  const contextError = checkContext(d.context);
  if (contextError) add('context', contextError);
  return errors;
}

function checkContext(context: unknown): string | undefined {
  if (typeof context !== 'object' || context === null || Array.isArray(context)) return 'the context must be a list of named values';
  const entries = Object.entries(context);
  if (entries.length > MAX_CONTEXT_ITEMS) return `at most ${MAX_CONTEXT_ITEMS} context items`;
  for (const [key, value] of entries) {
    if (key.trim() === '' || key.length > 64) return `context item names are 1 to 64 characters ("${key.slice(0, 64)}…")`;
    if (typeof value !== 'string') return `the context item "${key}" must be text`;
    if (value.length > MAX_CONTEXT_VALUE_LENGTH) return `the context item "${key}" is longer than ${MAX_CONTEXT_VALUE_LENGTH} characters`;
  }
  return undefined;
}

/** Thrown by buildPayload for a draft that validateDraft rejects: the panel should have stopped it. */
export class InvalidDraftError extends Error {
  constructor(readonly errors: readonly FieldError[]) {
    super(`invalid feedback: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
    this.name = 'InvalidDraftError';
  }
}

/**
 * The body to deliver. Redact first (redactDraft): the payload is what is stored in the outbox and
 * sent, byte for byte. Message and contact are trimmed; context keeps only string values, in the
 * draft's order. Throws InvalidDraftError when validateDraft (without the team map) finds errors.
 */
export function buildPayload(draft: FeedbackDraft, opts: { id?: string; now?: Date } = {}): FeedbackPayload {
  const errors = validateDraft(draft);
  if (errors.length > 0) throw new InvalidDraftError(errors);
  // The id travels as the Idempotency-Key header.
  if (opts.id !== undefined && !/^[A-Za-z0-9._~-]{1,100}$/.test(opts.id)) throw new TypeError(`buildPayload: "${opts.id}" cannot be a submission id`);
  return {
    schema: FEEDBACK_SCHEMA,
    id: opts.id ?? randomUUID(),
    createdAt: (opts.now ?? new Date()).toISOString(),
    team: draft.team,
    component: draft.component,
    kind: draft.kind,
    rating: draft.rating,
    message: draft.message.trim(),
    contact: draft.contact === null ? null : draft.contact.trim(),
    context: { ...draft.context },
  };
}

/** A short phrase for the panel's "will be sent as …" line and the outbox list. */
export function describeDestination(channel: FeedbackChannel): string {
  switch (channel.kind) {
    case 'github': {
      const host = channel.apiUrl === undefined ? undefined : hostOf(channel.apiUrl);
      return `GitHub issue in ${channel.repo}${host ? ` on ${host}` : ''}`;
    }
    case 'webhook':
      return `webhook at ${hostOf(channel.url) ?? channel.url}`;
    case 'slack':
      return 'Slack';
    case 'email':
      return `email to ${channel.address}`;
  }
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}
