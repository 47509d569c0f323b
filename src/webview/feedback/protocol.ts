// The feedback panel's messages, both directions, and the checks every message passes on arrival.
// Imported by the extension (src/extension/feedback/) and by the webview script (main.ts), so
// neither side can drift. Nothing here touches the DOM, Node or vscode: it is bundled for both.
//
// A webview is a web page: what it posts is untyped data, and the extension treats it like input
// from the network. Each parse function accepts exactly the shape below — plain objects with exactly
// the listed keys (no extra, no missing, no accessors, no prototype tricks), strings within their
// limits, numbers in range — and gives undefined for anything else, with the reason to log.
//
// The limits repeat those of src/core/feedback/payload.ts, which needs node:crypto and so cannot be
// bundled for the browser; test/unit/webview/protocol.test.ts checks that they agree.

export const FEEDBACK_KINDS = ['bug', 'migration-blocker', 'feature-request', 'docs', 'praise', 'other'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
export const KIND_LABELS: Readonly<Record<FeedbackKind, string>> = {
  bug: 'Bug',
  'migration-blocker': 'Migration blocker',
  'feature-request': 'Feature request',
  docs: 'Docs',
  praise: 'Praise',
  other: 'Other',
};

export const MAX_MESSAGE_LENGTH = 5000;
export const MAX_CONTACT_LENGTH = 200;
export const MAX_CONTEXT_VALUE_LENGTH = 2000;
/** Names, descriptions, destinations, reasons: catalog and server text shown in the panel. */
export const MAX_TEXT_LENGTH = 2000;
export const MAX_URL_LENGTH = 2048;
const MAX_ID_LENGTH = 100;
const MAX_TEAMS = 500;
const MAX_COMPONENTS = 2000;
const MAX_LINES = 20;

/** The context the panel may attach, in the order it shows them. */
export const CONTEXT_KEYS = ['package', 'version', 'file', 'finding', 'extensionVersion', 'editor'] as const;
export type ContextKey = (typeof CONTEXT_KEYS)[number];
export const CONTEXT_LABELS: Readonly<Record<ContextKey, string>> = {
  package: 'Package',
  version: 'Version',
  file: 'File',
  finding: 'Finding',
  extensionVersion: 'Extension version',
  editor: 'Editor',
};

export const DRAFT_FIELDS = ['team', 'component', 'kind', 'rating', 'message', 'contact', 'context'] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];

/** The user's choices as the panel holds them; '' means "none" for team, component and contact. */
export interface DraftState {
  team: string;
  component: string;
  kind: FeedbackKind;
  rating: number | null;
  message: string;
  contact: string;
  /** The context items left ticked. Their values are the extension's, never the webview's. */
  attach: ContextKey[];
}

/** A context item as shown: its value already redacted, exactly what is sent when ticked. */
export interface ContextItem {
  key: ContextKey;
  value: string;
}

export interface ComponentOption {
  id: string;
  name: string;
  description: string | null;
}

export interface TeamOption {
  id: string;
  name: string;
  contact: string | null;
  /** "GitHub issue in acme/web-platform, webhook at feedback.acme.dev" or "email to …, opens your mail client". */
  destination: string;
  /** True when the team has only email: Send opens the mail client. */
  mail: boolean;
  components: ComponentOption[];
}

export interface PanelInit {
  /** The workspace folder whose catalogs apply, as a URI; null without a folder. */
  folder: string | null;
  teams: TeamOption[];
  context: ContextItem[];
  draft: DraftState;
  /** A sentence about teams that are not offered (Restricted Mode), or null. */
  notice: string | null;
}

export interface Redaction {
  kind: string;
  count: number;
}

export interface DeliveryLine {
  destination: string;
  state: 'delivered' | 'queued' | 'failed';
  /** A tracking link (http or https) when the channel returned one. */
  url: string | null;
  reason: string | null;
}

export type SendOutcome = 'sent' | 'queued' | 'mail' | 'failed' | 'invalid' | 'refused';

export interface SendResult {
  outcome: SendOutcome;
  summary: string;
  lines: DeliveryLine[];
  errors: Array<{ field: DraftField; message: string }>;
}

/** Extension → webview. */
export type ToWebview =
  | { type: 'init'; init: PanelInit }
  | { type: 'preview'; seq: number; message: string; redactions: Redaction[] }
  | { type: 'result'; result: SendResult; draft: DraftState };

/** Webview → extension. */
export type ToExtension =
  | { type: 'ready' }
  | { type: 'draft'; seq: number; draft: DraftState }
  | { type: 'send'; draft: DraftState }
  | { type: 'openLink'; url: string };

/** What the webview keeps with setState, so a reload (the panel serializer) restores the draft. */
export interface PersistedState {
  v: 1;
  folder: string | null;
  context: ContextItem[];
  draft: DraftState;
}

// ---------------------------------------------------------------------------------------------
// Checks. A Check returns undefined when the value fits, else why not (for the log).

type Check = (value: unknown) => string | undefined;

const ID = /^[a-z0-9][a-z0-9-]*$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && Object.getOwnPropertySymbols(value).length === 0;
}

const text =
  (max: number, pattern?: RegExp): Check =>
  (v) =>
    typeof v !== 'string' ? `expected text, got ${typeof v}` : v.length > max ? `text longer than ${max}` : pattern && !pattern.test(v) ? 'text of the wrong form' : undefined;

const id = (allowEmpty = false): Check => (v) => (allowEmpty && v === '' ? undefined : text(MAX_ID_LENGTH, ID)(v));

const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? undefined : `not one of ${values.join(', ')}`;

const int =
  (min: number, max: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? undefined : `not a whole number from ${min} to ${max}`;

const bool: Check = (v) => (typeof v === 'boolean' ? undefined : 'not true or false');
const nullable =
  (check: Check): Check =>
  (v) =>
    v === null ? undefined : check(v);
const literal =
  (expected: string | number): Check =>
  (v) =>
    v === expected ? undefined : `not ${String(expected)}`;

const list =
  (item: Check, max: number, unique = false): Check =>
  (v) => {
    if (!Array.isArray(v) || Object.getPrototypeOf(v) !== Array.prototype) return 'not a list';
    if (v.length > max) return `more than ${max} items`;
    const names = Object.getOwnPropertyNames(v);
    if (names.length !== v.length + 1) return 'a list with holes or extra properties';
    for (let i = 0; i < v.length; i++) {
      const why = item(v[i]);
      if (why) return `[${i}]: ${why}`;
    }
    if (unique && new Set(v).size !== v.length) return 'repeated items';
    return undefined;
  };

/** Exactly these keys, each a plain data property that passes its check. */
const record =
  (shape: Record<string, Check>): Check =>
  (v) => {
    if (!isPlainObject(v)) return 'not a plain object';
    const keys = Object.getOwnPropertyNames(v);
    const expected = Object.keys(shape);
    const extra = keys.filter((k) => !Object.prototype.hasOwnProperty.call(shape, k));
    if (extra.length > 0) return `unexpected field ${JSON.stringify(extra[0])}`;
    for (const key of expected) {
      const d = Object.getOwnPropertyDescriptor(v, key);
      if (!d) return `missing field ${key}`;
      if (!('value' in d)) return `field ${key} is not a plain value`;
      const why = shape[key]!(d.value);
      if (why) return `${key}: ${why}`;
    }
    return undefined;
  };

const httpUrl: Check = (v) => {
  const why = text(MAX_URL_LENGTH)(v);
  if (why) return why;
  try {
    const u = new URL(v as string);
    return u.protocol === 'https:' || u.protocol === 'http:' ? undefined : 'not an http(s) link';
  } catch {
    return 'not a URL';
  }
};

const draftCheck = record({
  team: id(true),
  component: id(true),
  kind: oneOf(FEEDBACK_KINDS),
  rating: nullable(int(1, 5)),
  message: text(MAX_MESSAGE_LENGTH),
  contact: text(MAX_CONTACT_LENGTH),
  attach: list(oneOf(CONTEXT_KEYS), CONTEXT_KEYS.length, true),
});

const contextCheck = list(record({ key: oneOf(CONTEXT_KEYS), value: text(MAX_CONTEXT_VALUE_LENGTH) }), CONTEXT_KEYS.length);
const seqCheck = int(0, Number.MAX_SAFE_INTEGER);

const toExtension: Record<ToExtension['type'], Check> = {
  ready: record({ type: literal('ready') }),
  draft: record({ type: literal('draft'), seq: seqCheck, draft: draftCheck }),
  send: record({ type: literal('send'), draft: draftCheck }),
  openLink: record({ type: literal('openLink'), url: httpUrl }),
};

const teamCheck = record({
  id: id(),
  name: text(MAX_TEXT_LENGTH),
  contact: nullable(text(MAX_TEXT_LENGTH)),
  destination: text(MAX_TEXT_LENGTH),
  mail: bool,
  components: list(record({ id: id(), name: text(MAX_TEXT_LENGTH), description: nullable(text(MAX_TEXT_LENGTH)) }), MAX_COMPONENTS),
});

const folderCheck = nullable(text(MAX_URL_LENGTH));

const toWebview: Record<ToWebview['type'], Check> = {
  init: record({
    type: literal('init'),
    init: record({ folder: folderCheck, teams: list(teamCheck, MAX_TEAMS), context: contextCheck, draft: draftCheck, notice: nullable(text(MAX_TEXT_LENGTH)) }),
  }),
  preview: record({
    type: literal('preview'),
    seq: seqCheck,
    // Redaction marks can make a text longer than the typed one; the send itself is held to the limit.
    message: text(MAX_MESSAGE_LENGTH * 4),
    redactions: list(record({ kind: text(64), count: int(1, 1_000_000) }), 50),
  }),
  result: record({
    type: literal('result'),
    result: record({
      outcome: oneOf(['sent', 'queued', 'mail', 'failed', 'invalid', 'refused']),
      summary: text(MAX_TEXT_LENGTH),
      lines: list(
        record({
          destination: text(MAX_TEXT_LENGTH),
          state: oneOf(['delivered', 'queued', 'failed']),
          url: nullable(httpUrl),
          reason: nullable(text(MAX_TEXT_LENGTH)),
        }),
        MAX_LINES,
      ),
      errors: list(record({ field: oneOf(DRAFT_FIELDS), message: text(MAX_TEXT_LENGTH) }), DRAFT_FIELDS.length),
    }),
    draft: draftCheck,
  }),
};

const persistedCheck = record({ v: literal(1), folder: folderCheck, context: contextCheck, draft: draftCheck });

function parseBy<T>(checks: Record<string, Check>, raw: unknown, onReject?: (why: string) => void): T | undefined {
  const type = isPlainObject(raw) ? Object.getOwnPropertyDescriptor(raw, 'type')?.value : undefined;
  const check = typeof type === 'string' && Object.prototype.hasOwnProperty.call(checks, type) ? checks[type] : undefined;
  const why = check ? check(raw) : 'no known message type';
  if (why === undefined) return raw as T;
  onReject?.(why);
  return undefined;
}

/** A message from the webview, or undefined (and `onReject` with the reason) when it is not one. */
export function parseToExtension(raw: unknown, onReject?: (why: string) => void): ToExtension | undefined {
  return parseBy<ToExtension>(toExtension, raw, onReject);
}

/** A message from the extension, or undefined when it is not one. */
export function parseToWebview(raw: unknown, onReject?: (why: string) => void): ToWebview | undefined {
  return parseBy<ToWebview>(toWebview, raw, onReject);
}

/** The webview's saved state, as the panel serializer hands it back after a reload. */
export function parsePersistedState(raw: unknown, onReject?: (why: string) => void): PersistedState | undefined {
  const why = persistedCheck(raw);
  if (why === undefined) return raw as PersistedState;
  onReject?.(why);
  return undefined;
}

/** Text cut to a protocol limit, so that a long catalog or server text never gets a whole message refused. */
export function clip(text: string, max = MAX_TEXT_LENGTH): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The draft a panel starts from. */
export function emptyDraft(attach: readonly ContextKey[] = []): DraftState {
  return { team: '', component: '', kind: 'bug', rating: null, message: '', contact: '', attach: [...attach] };
}
