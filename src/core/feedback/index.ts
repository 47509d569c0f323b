// The feedback engine: drafts and payloads, redaction, delivery to one channel, and the durable
// outbox. The editor's panel and commands sit on top; nothing here imports vscode.
//
// The editor's flow: validateDraft → redactDraft (show the redacted preview) → buildPayload →
// outbox.enqueue(payload, automaticChannels(team)) → outbox.processDue(), then again after
// nextDueIn(). A team with no automatic channel: mailtoUrl(fallbackEmail(team), payload).
//
// Where catalog-v1.md is silent:
// - 3xx from a webhook, Slack or GitHub is a final failure (redirects are not followed: a POST
//   would become a GET and a token could travel elsewhere); Retry-After is capped at 6 hours.
// - GitHub: 403 is retried only when GitHub says it is a rate limit; an existing issue is looked
//   for by search and by the list of issues updated since the submission (search lags).
// - Slack has no idempotency key: a response lost after Slack posted can repeat the message.
// - The outbox retries with backoff for 7 days, then marks the entry failed for the user.
// - One window sends at a time (a lease in the outbox file, renewed while sending); the lock file
//   guards only the milliseconds of each read-modify-write, so saving never waits for the network.
export {
  FEEDBACK_KINDS,
  FEEDBACK_SCHEMA,
  InvalidDraftError,
  MAX_CONTACT_LENGTH,
  MAX_CONTEXT_ITEMS,
  MAX_CONTEXT_VALUE_LENGTH,
  MAX_MESSAGE_LENGTH,
  buildPayload,
  describeDestination,
  isFeedbackKind,
  validateDraft,
  type DraftField,
  type FeedbackDraft,
  type FeedbackKind,
  type FeedbackPayload,
  type FieldError,
} from './payload';
export { redact, redactDraft, type Redaction, type RedactResult } from './redact';
export {
  DEFAULT_MAILTO_MAX_LENGTH,
  automaticChannels,
  deliver,
  fallbackEmail,
  mailtoUrl,
  slackMessage,
  type AutomaticChannel,
  type DeliverOptions,
  type EmailChannel,
} from './channels';
export { emailBody, feedbackTitle, issueBody, slackText } from './format';
export { DEFAULT_GITHUB_API } from './github';
export { DEFAULT_DELIVERY_TIMEOUT_MS, type DeliveryResult } from './http';
export { BUSY_RECHECK_MS, Outbox, type OutboxOptions } from './outbox';
export { BACKOFF_BASE_MS, BACKOFF_CAP_MS, DEFAULT_MAX_OUTBOX_BYTES, backoffMs, entryId, type EnqueueResult, type OutboxItem, type OutboxReport } from './outboxRules';
export { DEFAULT_STALE_MS, createFileLock, type OutboxLock } from './lockFile';
